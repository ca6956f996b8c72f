import { expect } from 'chai';
import fc from 'fast-check';
import { readSmsKeyword } from '../../channels/smsKeywords';
import { isLevel, isQuestionId } from '../../triage';
import { Person, startTestBot, type TestBot, type TurnResult } from '../support/bot';
import { anyText, smsText } from './arbitraries';
import { loadRealContent, type RealContent } from './content';

const ENTITY_TYPES = ['kb.answer', 'kb.suggestions', 'kb.noMatch', 'triage.question', 'triage.outcome', 'safety.crisis', 'booking.offer', 'booking.question', 'booking.requested', 'booking.list'];
const BUTTONS = ['triage:start', 'booking:offer', 'topic:ice', 'topic:nope', 'more', 'yes', 'no', 'cancel', 'help', 'none-of-these', 'dismiss', 'injury', 'red_flags', 'none', 'gone', '__proto__'];
const TYPED = ['1', '2', '3', 'my knee hurts', 'yes', 'no', 'none', '30', '3 days', 'what is runners knee?', 'book', 'cancel', 'help', 'more', 'STOP', 'START'];

/** One thing a person does: types something, presses a button, or sends a picture only. */
type Turn = { kind: 'say'; text: string } | { kind: 'press'; value: string } | { kind: 'picture' };
const turn: fc.Arbitrary<Turn> = fc.oneof(
  fc.record({ kind: fc.constant('say' as const), text: fc.oneof(anyText, smsText) }),
  fc.record({ kind: fc.constant('say' as const), text: fc.constantFrom(...TYPED) }),
  fc.record({ kind: fc.constant('press' as const), value: fc.constantFrom(...BUTTONS) }),
  fc.constant({ kind: 'picture' as const }),
);

function act(person: Person, t: Turn): Promise<TurnResult> {
  if (t.kind === 'say') return person.say(t.text);
  if (t.kind === 'press') return person.press(t.value);
  return person.post({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:9/knee.png' }] });
}

function expectSensibleReplies(content: RealContent, result: TurnResult): void {
  expect(result.status).to.equal(200);
  for (const activity of result.activities) {
    const shown = (activity.text ?? '').trim().length > 0 || (activity.attachments?.length ?? 0) > 0;
    expect(shown, 'no blank message').to.equal(true);
    for (const entity of activity.entities ?? []) {
      expect(ENTITY_TYPES).to.include(entity.type);
      if (entity.type === 'triage.question') expect(isQuestionId(entity.id), String(entity.id)).to.equal(true);
      if (entity.type === 'triage.outcome') expect(isLevel(entity.level), String(entity.level)).to.equal(true);
      if (entity.type === 'kb.answer') expect(content.kb.byId.has(String(entity.id)), String(entity.id)).to.equal(true);
    }
  }
}

describe('property: a conversation driven by anything a person sends', () => {
  let content: RealContent;
  let bot: TestBot;
  before(async () => {
    content = loadRealContent();
    bot = await startTestBot({ now: () => new Date('2026-11-25T15:00:00Z') });
  });
  after(() => bot.stop());

  for (const channel of ['webchat', 'msteams', 'sms']) {
    it(`always replies with something to show on ${channel}, never failing (an opted-out SMS number excepted)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(turn, { minLength: 1, maxLength: 6 }), async (turns) => {
          const person = new Person(bot.url, channel);
          let optedOut = false;
          for (const t of turns) {
            const result = await act(person, t);
            expectSensibleReplies(content, result);
            const keyword = channel === 'sms' ? readSmsKeyword(content.intents.smsKeywords, t.kind === 'say' ? t.text : t.kind === 'press' ? t.value : '') : undefined;
            // HELP is answered even after STOP, as carriers require.
            const silent = keyword === 'optOut' ? optedOut : optedOut && keyword !== 'optIn' && keyword !== 'help';
            if (keyword === 'optOut') optedOut = true;
            if (keyword === 'optIn') optedOut = false;
            if (silent) expect(result.activities, 'an opted-out number gets nothing').to.be.empty;
            else expect(result.activities.length, `no reply to ${JSON.stringify(t)}`).to.be.at.least(1);
          }
        }),
        { numRuns: 50 },
      );
    });
  }

  it('answers an emergency with the emergency outcome, whatever came before', async () => {
    const emergency = fc.constantFrom("I can't breathe", 'the bone is sticking out of my knee', 'my foot is cold and blue');
    await fc.assert(
      fc.asyncProperty(fc.array(turn, { maxLength: 5 }), emergency, async (turns, words) => {
        const person = new Person(bot.url);
        for (const t of turns) await act(person, t);
        const outcome = (await person.say(words)).entity('triage.outcome');
        expect(outcome?.level, `after ${JSON.stringify(turns)}`).to.equal('emergency');
      }),
      { numRuns: 40 },
    );
  });

  it('answers talk of self-harm with crisis resources, whatever came before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(turn, { maxLength: 5 }), async (turns) => {
        const person = new Person(bot.url);
        for (const t of turns) await act(person, t);
        expect((await person.say('I want to kill myself')).entity('safety.crisis'), `after ${JSON.stringify(turns)}`).to.not.equal(undefined);
      }),
      { numRuns: 30 },
    );
  });
});
