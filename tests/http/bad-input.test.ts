import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Person, startTestBot, type TestBot } from '../support/bot';

function activity(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies',
    from: { id: 'u-bad' }, recipient: { id: 'bot' }, conversation: { id: `c-${randomUUID()}` }, id: randomUUID(), ...extra,
  };
}

async function post(bot: TestBot, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text() };
}

function expectNoInternals(body: string): void {
  expect(body).to.not.match(/\bat [\w.<>]+ \(|node_modules|\/work\/|Error: |Unexpected|JSON input|position/);
}

describe('POST /api/messages with bad input', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: { MAX_BODY_BYTES: '20000' } });
  });
  after(() => bot.stop());

  afterEach(async () => {
    // Whatever came before, the next ordinary request is served normally.
    const next = await new Person(bot.url).say("what is runner's knee");
    expect(next.status).to.equal(200);
    expect(next.entity('kb.answer')?.id).to.equal('what-is-runners-knee');
  });

  const refused: { name: string; body: string; status: number; headers?: Record<string, string> }[] = [
    { name: 'malformed JSON', body: '{"type": "message", ', status: 400 },
    { name: 'a JSON array', body: '[1,2,3]', status: 400 },
    { name: 'a JSON string', body: '"hello"', status: 400 },
    { name: 'a missing activity type', body: JSON.stringify(activity({ type: undefined })), status: 400 },
    { name: 'an unknown activity type', body: JSON.stringify(activity({ type: 'selfDestruct' })), status: 400 },
    { name: 'text that is not a string', body: JSON.stringify(activity({ text: { evil: true } })), status: 400 },
    { name: 'a conversation without an id', body: JSON.stringify(activity({ conversation: {} })), status: 400 },
    { name: 'a body over the size limit', body: JSON.stringify(activity({ text: 'x'.repeat(30000) })), status: 413 },
    { name: 'a form-encoded body', body: 'type=message', status: 400, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  ];
  for (const { name, body, status, headers } of refused) {
    it(`answers ${name} with HTTP ${status} and no internals`, async () => {
      const res = await post(bot, body, headers);
      expect(res.status).to.equal(status);
      expectNoInternals(res.body);
    });
  }

  const replied: { name: string; activity: Record<string, unknown>; expect: RegExp }[] = [
    { name: 'an empty message', activity: { text: '' }, expect: /didn't catch any words/ },
    { name: 'a whitespace-only message', activity: { text: '   \n\t ' }, expect: /didn't catch any words/ },
    { name: 'an attachment with no text', activity: { text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:9/x.png' }] }, expect: /only read text/ },
    { name: '10,000 characters of text', activity: { text: 'my knee '.repeat(1250) }, expect: /long message/ },
    { name: 'control characters', activity: { text: 'what\u0000 is\u0007 runners\u001b knee' }, expect: /kneecap/ },
    // Arabic ("what is runner's knee?"), after a right-to-left override: the bot says, in Arabic and in English, that it answers only in English.
    { name: 'right-to-left text', activity: { text: '\u202eما هو ركبة العداء' }, expect: /الإنجليزية.*911[\s\S]*only read and answer English/ },
  ];
  for (const { name, activity: extra, expect: pattern } of replied) {
    it(`replies sensibly to ${name}`, async () => {
      const res = await post(bot, JSON.stringify(activity(extra)));
      expect(res.status).to.equal(200);
      const parsed: { activities: { text?: string }[] } = JSON.parse(res.body);
      expect(parsed.activities.map((a) => a.text ?? '').join(' ')).to.match(pattern);
    });
  }
});
