import { expect } from 'chai';
import { Person, startTestBot, type TestBot } from '../support/bot';

describe('/api/messages with a Microsoft app id configured', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: { MicrosoftAppId: '00000000-0000-4000-8000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  after(() => bot.stop());

  const cases: [string, Record<string, string>][] = [
    ['no token', {}],
    ['a malformed token', { authorization: 'Bearer not.a.jwt' }],
    ['a token that is not a bearer token', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a well-formed token whose signing keys cannot be fetched', { authorization: 'Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IngiLCJ0eXAiOiJKV1QifQ.eyJhdWQiOiIwMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDEiLCJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2ln' }],
  ];
  for (const [name, headers] of cases) {
    it(`answers ${name} with a bare 401 and runs no turn`, async () => {
      const before = bot.logs.filter((l) => l.includes('"event":"turn"')).length;
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } }),
      });
      expect(res.status).to.equal(401);
      expect(await res.text()).to.equal('');
      expect(bot.logs.filter((l) => l.includes('"event":"turn"')).length).to.equal(before);
    });
  }
});

describe('/api/messages opened in production without an app id', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: { NODE_ENV: 'production', HOST: '0.0.0.0' } });
  });
  after(() => bot.stop());

  it('stays closed with 401, so only the bot\'s own Direct Line serves visitors', async () => {
    const url = bot.url.replace('0.0.0.0', '127.0.0.1');
    const turn = await new Person(url).say('hi');
    expect(turn.status).to.equal(401);
  });
});
