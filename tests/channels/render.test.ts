import { expect } from 'chai';
import { renderReplies } from '../../channels/render';
import { splitSms, toGsm7 } from '../../channels/sms';
import { isGsm7 } from '../../knowledge/gsm7';
import type { Reply } from '../../dialogs/replies';

const question: Reply = {
  text: 'Did the pain start with a specific injury?',
  choices: [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }],
  entity: { type: 'triage.question', id: 'injury' },
};
const answer: Reply = {
  title: 'Cadence',
  text: 'Aim for about 170\u2013180 steps a minute \u2014 it\u2019s \u201ceasier\u201d on the knee \u{1F3C3}.',
  links: [{ label: 'Book online', url: 'https://clinic.example/book' }],
  choices: [{ label: 'Tell me more', value: 'more' }],
  entity: { type: 'kb.answer', id: 'cadence', score: 0.9 },
};

const WORDS = { submitChoices: 'Send' };
const redFlags: Reply = {
  text: 'Do any of these apply? Choose all that fit.',
  choices: [{ label: 'Swollen knee', value: 'swollen' }, { label: 'Calf pain', value: 'calf_swelling' }, { label: 'None of these', value: 'none' }],
  multi: true,
  entity: { type: 'triage.question', id: 'red_flags' },
};

describe('rendering for each channel', () => {
  for (const channel of ['webchat', 'msteams'] as const) {
    it(`lets ${channel} users tick several warning signs at once, sent back as comma-separated codes`, () => {
      const [activity] = renderReplies([redFlags], channel, 'user-1', WORDS);
      expect(activity.suggestedActions).to.equal(undefined);
      const content = JSON.stringify(activity.attachments?.[0]?.content);
      expect(content).to.include('"type":"Input.ChoiceSet"').and.include('"isMultiSelect":true').and.include('"id":"codes"');
      expect(content).to.include('"value":"swollen"').and.include('"value":"calf_swelling"');
      expect(activity.entities).to.deep.equal([{ type: 'triage.question', id: 'red_flags' }]);
    });
  }

  it('gives Web Chat suggested actions whose values are the answer codes', () => {
    const [activity] = renderReplies([question], 'webchat', 'user-1', WORDS);
    expect(activity.suggestedActions?.actions.map((a) => a.value)).to.deep.equal(['yes', 'no']);
    expect(activity.suggestedActions?.to).to.deep.equal(['user-1']);
    expect(activity.entities).to.deep.equal([{ type: 'triage.question', id: 'injury' }]);
  });

  it('gives Teams an Adaptive Card whose buttons carry the codes, and no suggested actions', () => {
    const [activity] = renderReplies([question], 'msteams', 'user-1', WORDS);
    expect(activity.suggestedActions).to.equal(undefined);
    const card = activity.attachments?.[0];
    expect(card?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    const content = JSON.stringify(card?.content);
    expect(content).to.include('"version":"1.5"');
    expect(content).to.include('"value":"yes"').and.include('"value":"no"');
    expect(activity.entities?.[0]).to.deep.equal({ type: 'triage.question', id: 'injury' });
  });

  it('gives SMS plain numbered text with no cards or buttons', () => {
    const activities = renderReplies([question], 'sms', 'user-1', WORDS);
    expect(activities.every((a) => !a.attachments && !a.suggestedActions)).to.equal(true);
    const text = activities.map((a) => a.text).join('\n');
    expect(text).to.include('1. Yes').and.include('2. No').and.include('Reply 1 or 2.');
    expect(activities[activities.length - 1].entities).to.deep.equal([{ type: 'triage.question', id: 'injury' }]);
  });

  it('keeps SMS to GSM-7: curly quotes, dashes and emoji replaced; links as bare URLs', () => {
    const text = renderReplies([answer], 'sms', 'u', WORDS).map((a) => a.text ?? '').join('\n');
    expect(isGsm7(text)).to.equal(true);
    expect(text).to.include("170-180").and.include("it's").and.include('"easier"');
    expect(text).to.include('https://clinic.example/book').and.not.include('](');
  });

  it('lists no option numbers for a question whose answer is itself a number', () => {
    const age: Reply = { text: 'How old are you?', choices: [{ label: 'Under 16', value: 'child' }], numericAnswer: true, entity: { type: 'triage.question', id: 'age' } };
    expect(renderReplies([age], 'sms', 'u', WORDS)[0].text).to.not.match(/Reply 1/);
  });

  it('splits long SMS text into messages under 320 characters at sensible places', () => {
    const long = Array.from({ length: 12 }, (_, i) => `Sentence number ${i} says something useful about knees.`).join(' ');
    const parts = splitSms(long);
    expect(parts.length).to.be.greaterThan(1);
    for (const part of parts) {
      expect(part.length).to.be.at.most(320);
      expect(part).to.match(/\.$/);
    }
    expect(parts.join(' ')).to.equal(long);
  });

  it('turns typographic text into GSM-7', () => {
    expect(toGsm7('\u201cHi\u201d \u2014 it\u2019s fine\u2026 caf\u00e9')).to.equal('"Hi" - it\'s fine... cafe');
  });
});
