import { expect } from 'chai';
import fc from 'fast-check';
import type { ChannelKind, OutgoingActivity } from '../../channels/activity';
import { renderReplies, type RenderWords } from '../../channels/render';
import { SMS_LIMITS, splitSms, toGsm7 } from '../../channels/sms';
import type { Entity, Reply } from '../../dialogs/replies';
import { isGsm7 } from '../../knowledge/gsm7';
import { anyText, smsText } from './arbitraries';

const WORDS: RenderWords = { submitChoices: 'Done', smsReplyNumber: 'Reply {numbers}.', smsReplyNumbers: 'Reply with one or more numbers (e.g. {example}).', smsOr: 'or' };

/** The longest SMS message the contract allows (two concatenated GSM-7 segments are 306 septets). */
const SMS_MAX = 320;

const id = fc.string({ maxLength: 30 });
const entity: fc.Arbitrary<Entity> = fc.oneof(
  fc.record({ type: fc.constant('kb.answer' as const), id, score: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ type: fc.constant('kb.suggestions' as const), ids: fc.array(id, { maxLength: 3 }) }),
  fc.constant({ type: 'kb.noMatch' as const }),
  fc.record({ type: fc.constant('triage.question' as const), id }),
  fc.record({ type: fc.constant('triage.outcome' as const), level: id, reasons: fc.array(id, { maxLength: 3 }), protocol: id }),
  fc.constant({ type: 'safety.crisis' as const }),
  fc.constant({ type: 'booking.offer' as const }),
);

/** Reply text as the bot writes it: words, possibly amid anything at all. */
const replyText = fc.tuple(fc.oneof(anyText, fc.constant('')), smsText, fc.constantFrom('Rest', 'Ice it', 'Call 911'), fc.oneof(anyText, fc.constant(''))).map((parts) => parts.join(' '));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const reply: fc.Arbitrary<Reply> = fc.record(
  {
    text: replyText,
    title: optional(replyText),
    detail: optional(replyText),
    choices: optional(fc.array(fc.record({ label: replyText, value: fc.oneof(id, anyText) }), { maxLength: 12 })),
    multi: optional(fc.boolean()),
    numericAnswer: optional(fc.boolean()),
    links: optional(fc.array(fc.record({ label: replyText, url: fc.webUrl() }), { maxLength: 3 })),
    entity: optional(entity),
    tone: optional(fc.constantFrom('normal' as const, 'warning' as const, 'danger' as const)),
  },
  { requiredKeys: ['text'] },
);
const replies = fc.array(reply, { maxLength: 5 });

function entitiesOf(activities: OutgoingActivity[]): unknown[] {
  return activities.flatMap((a) => a.entities ?? []);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every answer value an activity lets the person send: buttons, card submits, checkboxes. */
function offeredValues(activity: OutgoingActivity): unknown[] {
  const values: unknown[] = (activity.suggestedActions?.actions ?? []).map((a) => a.value);
  for (const card of (activity.attachments ?? []).map((a) => a.content)) {
    if (!isRecord(card)) continue;
    for (const part of Array.isArray(card.body) ? card.body : []) {
      if (isRecord(part) && part.type === 'Input.ChoiceSet' && Array.isArray(part.choices)) values.push(...part.choices.map((c: unknown) => (isRecord(c) ? c.value : undefined)));
    }
    for (const action of Array.isArray(card.actions) ? card.actions : []) {
      if (isRecord(action) && isRecord(action.data) && 'value' in action.data) values.push(action.data.value);
    }
  }
  return values;
}

function wantedEntities(list: Reply[]): Entity[] {
  return list.flatMap((r) => (r.entity ? [r.entity] : []));
}

describe('property: the channel renderers', () => {
  it('render any replies for every channel without throwing or changing the replies', () => {
    fc.assert(
      fc.property(replies, fc.constantFrom<ChannelKind>('webchat', 'emulator', 'msteams', 'sms'), anyText, (list, channel, recipient) => {
        const before = JSON.stringify(list);
        const out = renderReplies(list, channel, recipient, WORDS);
        expect(out.every((a) => a.type === 'message')).to.equal(true);
        expect(JSON.stringify(list)).to.equal(before);
      }),
      { numRuns: 500 },
    );
  });

  it('keep every entity, unchanged and in order, on every channel', () => {
    fc.assert(
      fc.property(replies, fc.constantFrom<ChannelKind>('webchat', 'emulator', 'msteams', 'sms'), (list, channel) => {
        expect(entitiesOf(renderReplies(list, channel, 'u', WORDS))).to.deep.equal(wantedEntities(list));
      }),
      { numRuns: 500 },
    );
  });

  it('send SMS only as GSM-7 text, every message at most 320 characters, with no buttons or cards', () => {
    fc.assert(
      fc.property(replies, (list) => {
        for (const activity of renderReplies(list, 'sms', 'u', WORDS)) {
          const text = activity.text ?? '';
          expect(isGsm7(text), JSON.stringify(text)).to.equal(true);
          expect(text.length).to.be.within(1, SMS_MAX);
          expect(activity.textFormat).to.equal('plain');
          expect(activity.attachments).to.equal(undefined);
          expect(activity.suggestedActions).to.equal(undefined);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('put each SMS reply\'s entity on its last message', () => {
    fc.assert(
      fc.property(reply, (one) => {
        const out = renderReplies([one], 'sms', 'u', WORDS);
        out.slice(0, -1).forEach((a) => expect(a.entities).to.equal(undefined));
        expect(out[out.length - 1]?.entities).to.deep.equal(one.entity ? [one.entity] : undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('still sends an SMS reply, with its entity, when its text has no GSM-7 character at all', () => {
    const emojiOnly: Reply = { text: '\u{1f9b5}\u{1f44d}', entity: { type: 'kb.noMatch' } };
    expect(entitiesOf(renderReplies([emojiOnly], 'sms', 'u', WORDS))).to.deep.equal([{ type: 'kb.noMatch' }]);
  });

  it('toGsm7 drops emphasis markers that only meet once something between them is gone', () => {
    expect(toGsm7('*\u0000*')).to.equal('');
    expect(toGsm7('_**_')).to.equal('');
    expect(toGsm7('**bold** and __this__')).to.equal('bold and this');
  });

  it('toGsm7 always yields GSM-7, and converting twice changes nothing more', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = toGsm7(text);
        expect(isGsm7(once), JSON.stringify(once)).to.equal(true);
        expect(toGsm7(once)).to.equal(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('splitSms keeps every character, in order, in parts no longer than the limit', () => {
    const long = fc.tuple(fc.oneof(smsText, anyText), fc.integer({ min: 1, max: 12 })).map(([text, times]) => toGsm7(text).repeat(times));
    fc.assert(
      fc.property(long, (text) => {
        const parts = splitSms(text);
        for (const part of parts) expect(part.length).to.be.within(1, SMS_LIMITS.maxChars);
        expect(parts.join('').replace(/\s/g, '')).to.equal(text.replace(/\s/g, ''));
      }),
      { numRuns: 1000 },
    );
  });

  it('give Web Chat and Teams one activity per reply, offering every choice value in order, to that person only', () => {
    fc.assert(
      fc.property(replies, fc.constantFrom<ChannelKind>('webchat', 'msteams'), id, (list, channel, recipient) => {
        const out = renderReplies(list, channel, recipient, WORDS);
        expect(out).to.have.length(list.length);
        out.forEach((activity, i) => {
          expect(offeredValues(activity)).to.deep.equal((list[i].choices ?? []).map((c) => c.value));
          if (activity.suggestedActions) expect(activity.suggestedActions.to).to.deep.equal([recipient]);
        });
      }),
      { numRuns: 500 },
    );
  });
});
