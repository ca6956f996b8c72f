import { expect } from 'chai';
import { Person, startTestBot, type TestBot } from '../support/bot';
import { startChannelStandIn, type ChannelStandIn } from '../staff/channel-stand-in';

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

describe('/api/messages without an app id: where replies may go', () => {
  let bot: TestBot;
  let channel: ChannelStandIn;
  before(async () => {
    bot = await startTestBot();
    channel = await startChannelStandIn();
  });
  after(async () => {
    await bot.stop();
    await channel.close();
  });

  const message = (serviceUrl: string, extra: Record<string, unknown> = {}) =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: "what is runner's knee", channelId: 'emulator', serviceUrl, from: { id: 'u-where' }, recipient: { id: 'b' }, conversation: { id: `c-where-${Math.random()}` }, ...extra }),
    });

  for (const serviceUrl of ['http://169.254.169.254/latest/meta-data/', 'https://attacker.example/', 'http://10.0.0.5:3978/', 'file:///etc/passwd', 'not a url']) {
    it(`refuses to post replies to ${serviceUrl}, a place a caller named, with a 400 naming the field`, async () => {
      const res = await message(serviceUrl);
      expect(res.status).to.equal(400);
      expect(await res.json()).to.deep.equal({ error: 'bad_activity', problem: 'service_url_not_local', field: 'serviceUrl' });
    });
  }

  it('posts replies to a channel on this machine, as the Emulator runs', async () => {
    const res = await message(channel.serviceUrl);
    expect(res.status).to.equal(200);
    const answered = channel.calls.some((call) => JSON.stringify(call.body).includes('"kb.answer"'));
    expect(answered, 'the stand-in channel got no answer').to.equal(true);
  });

  it('answers in the response when asked to (expectReplies), whatever service URL the activity names', async () => {
    const res = await message('https://smba.trafficmanager.net/amer/', { deliveryMode: 'expectReplies' });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { activities: { entities?: { type: string }[] }[] };
    expect(body.activities.some((a) => a.entities?.some((e) => e.type === 'kb.answer'))).to.equal(true);
  });
});
