import { expect } from 'chai';
import fc from 'fast-check';
import { renderReplies } from '../../channels/render';
import { SMS_LIMITS, splitSms, toGsm7 } from '../../channels/sms';
import { isGsm7 } from '../../knowledge/gsm7';
import type { Reply } from '../../dialogs/replies';
import { webChatHtml } from './webChatMarkdown';

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

const WORDS = { submitChoices: 'Send', smsReplyNumber: 'Reply {numbers}.', smsReplyNumbers: 'Reply with one or more numbers (e.g. {example}).', smsOr: 'or' };
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

  // From a browser audit: the clinic's address, hours and phone ran together on one line.
  it('keeps each line of a reply on its own line in Web Chat, as markdown would join them', () => {
    const contact: Reply = { text: 'Address: 123 Bayview Ave, Toronto\nHours: Mon-Fri 8am-8pm\nPhone: 416-555-0100\n\nBook online.' };
    const [activity] = renderReplies([contact], 'webchat', 'user-1', WORDS);
    const html = webChatHtml(activity.text ?? '');
    expect(html).to.include('Toronto<br />').and.include('8am-8pm<br />');
    expect(html.match(/<p>/g)).to.have.length(2);
  });

  it('makes the warning-sign card readable whole on a phone, and said with its question by screen readers', () => {
    const [activity] = renderReplies([redFlags], 'webchat', 'user-1', WORDS);
    const card = activity.attachments?.[0]?.content as { speak?: string; body: { type: string; wrap?: boolean }[] };
    expect(card.speak).to.equal(redFlags.text);
    expect(card.body.find((part) => part.type === 'Input.ChoiceSet')?.wrap).to.equal(true);
  });

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

  // From a black-box test in Teams: a staff card's lines ran together, one line break being none in a TextBlock's markdown.
  it('keeps each line of a Teams card its own paragraph', () => {
    const card: Reply = { title: 'Call-back KN-7F3Q', text: 'Name: Maria Lopez\nPhone: (416) 555-0199\nStatus: open', choices: [{ label: 'Close', value: 'staff:close:KN-7F3Q' }] };
    const [activity] = renderReplies([card], 'msteams', 'staff-1', WORDS);
    const body = (activity.attachments?.[0]?.content as { body: { text: string }[] }).body;
    expect(body[1].text).to.equal('Name: Maria Lopez\n\nPhone: (416) 555-0199\n\nStatus: open');
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

describe('emphasis in Web Chat markdown', () => {
  const emergency: Reply = {
    title: 'This needs emergency care now.',
    text: [
      'What you describe can be a sign of an emergency.',
      'Call 911 or go to the nearest emergency department now.',
      "Don't wait for a physio appointment, and don't drive yourself.",
      'This is not a diagnosis, just a guide to the right kind of care.',
    ].join('\n\n'),
    tone: 'danger',
    entity: { type: 'triage.outcome', level: 'emergency', reasons: ['emergency_message'], protocol: 'test' },
  };
  const cases: { name: string; reply: Reply; bold: number }[] = [
    { name: 'the emergency outcome, headline and four paragraphs', reply: emergency, bold: 5 },
    { name: 'crisis resources in one paragraph', reply: { text: 'Please call or text 9-8-8. If you are in danger now, call 911.', tone: 'danger', entity: { type: 'safety.crisis' } }, bold: 1 },
    { name: 'a warning with a list under it', reply: { title: 'Go now.', text: 'Call 911.\n- Don\'t drive yourself.\n- Don\'t eat or drink.', tone: 'danger' }, bold: 4 },
    { name: 'text that is bold in places already', reply: { text: 'Call **911** now.\n\nDon\'t wait.', tone: 'danger' }, bold: 2 },
    { name: 'a heading with spaces around it (its text not bold)', reply: { title: ' Please be seen today. ', text: 'Go to urgent care.\n\nNot a diagnosis.', tone: 'warning' }, bold: 1 },
  ];
  for (const { name, reply, bold } of cases) {
    it(`shows ${name} in bold with no literal asterisks`, () => {
      const [activity] = renderReplies([reply], 'webchat', 'u', WORDS);
      expect(activity.textFormat).to.equal('markdown');
      const html = webChatHtml(activity.text ?? '');
      expect(html, html).to.not.include('*');
      expect(html.match(/<strong>/g) ?? []).to.have.length(bold);
    });
  }

  it('keeps every word of a danger reply, in order', () => {
    const [activity] = renderReplies([emergency], 'webchat', 'u', WORDS);
    // As shown: without the bold marks, and a link as its words.
    const words = (text: string) => text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*/g, '').split(/\s+/).filter(Boolean);
    expect(words(activity.text ?? '')).to.deep.equal(words(`${emergency.title} ${emergency.text}`));
  });

  it('makes "call 911" and the crisis line telephone links in a danger reply, and nothing else, nor on other channels', () => {
    const crisis: Reply = { text: 'Please call or text 9-8-8. If you are in danger now, call 911.', tone: 'danger', entity: { type: 'safety.crisis' } };
    const [webChat] = renderReplies([crisis], 'webchat', 'u', WORDS);
    expect(webChat.text).to.include('[9-8-8](tel:988)').and.include('[call 911](tel:911)');
    const [plain] = renderReplies([{ ...crisis, tone: 'normal' }], 'webchat', 'u', WORDS);
    expect(plain.text).to.not.include('tel:');
    const [sms] = renderReplies([crisis], 'sms', 'u', WORDS);
    expect(sms.text).to.not.include('tel:');
    // A link already made is not made again.
    const [linked] = renderReplies([{ ...crisis, text: '[Call 911](tel:911) now' }], 'webchat', 'u', WORDS);
    expect(linked.text?.match(/tel:911/g)).to.have.length(1);
  });
});

describe('numbered lists in SMS', () => {
  const labels = ['Tell me more', 'Book an assessment', 'About the clinic'];
  const menu = (text: string, count = labels.length): Reply => ({
    text,
    choices: Array.from({ length: count }, (_, i) => ({ label: labels[i % labels.length], value: `v${i}` })),
    entity: { type: 'kb.answer', id: 'clinic', score: 0.9 },
  });
  const items = (reply: Reply) => (reply.choices ?? []).map((c, i) => `${i + 1}. ${c.label}`);
  const sentence = 'Our physiotherapists assess knees every day at the clinic.';

  it('starts the list in a new message when it would not fit after the text', () => {
    const reply = menu(`${Array.from({ length: 4 }, () => sentence).join(' ')} Ask for Dr. Kottoor.`);
    const texts = renderReplies([reply], 'sms', 'u', WORDS).map((a) => a.text ?? '');
    expect(texts).to.have.length(2);
    expect(texts[0]).to.match(/Dr\. Kottoor\.$/);
    expect(texts[1]).to.equal([...items(reply), 'Reply 1, 2 or 3.'].join('\n'));
  });

  it('adds the list to the last part of a long text when it fits there', () => {
    const reply = menu(Array.from({ length: 7 }, () => sentence).join(' '));
    const texts = renderReplies([reply], 'sms', 'u', WORDS).map((a) => a.text ?? '');
    expect(texts).to.have.length(2);
    expect(texts[1]).to.match(/clinic\.\n1\. Tell me more\n2\. Book an assessment\n3\. About the clinic\nReply 1, 2 or 3\.$/);
  });

  it('splits a list longer than one message only between its lines', () => {
    const reply = menu('Do any of these apply?', 30);
    const texts = renderReplies([reply], 'sms', 'u', WORDS).map((a) => a.text ?? '');
    expect(texts.length).to.be.greaterThan(1);
    const lines = texts.flatMap((t) => t.split('\n'));
    for (const item of items(reply)) expect(lines).to.include(item);
  });

  it('keeps any list that fits one message whole in one message, after any text', () => {
    const label = fc.stringMatching(/^[A-Za-z][A-Za-z ,']{0,40}[a-z]$/);
    const text = fc.array(fc.constantFrom(sentence, 'Rest it.', 'Ice helps.', 'See a physio if it lasts.'), { minLength: 1, maxLength: 16 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(text, fc.array(label, { minLength: 1, maxLength: 9 }), (words, choiceLabels) => {
        const reply: Reply = { text: words, choices: choiceLabels.map((l, i) => ({ label: l, value: `v${i}` })) };
        const list = toGsm7(items(reply).join('\n'));
        fc.pre(list.length <= SMS_LIMITS.maxChars);
        const texts = renderReplies([reply], 'sms', 'u', WORDS).map((a) => a.text ?? '');
        for (const t of texts) expect(t.length).to.be.at.most(SMS_LIMITS.maxChars);
        expect(texts.some((t) => t.includes(list)), JSON.stringify(texts)).to.equal(true);
      }),
      { numRuns: 300 },
    );
  });
});

