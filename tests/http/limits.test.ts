import { expect } from 'chai';
import { postgresEngine, readTestEnvironment, withPostgresAdmin } from '../storage/engines';
import { startBotOn, type BotOnEngine } from '../support/engines';
import { Person, startTestBot, type TestBot } from '../support/bot';

describe('limits on /api/messages', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: { RATE_LIMIT_PER_CONVERSATION: '3', TURN_TIMEOUT_MS: '300', METRICS_PORT: '0' } });
  });
  after(() => bot.stop());

  it('answers the fourth message of one conversation within a minute with 429 and Retry-After, per conversation', async () => {
    const person = new Person(bot.url);
    for (let i = 0; i < 3; i++) expect((await person.say('hi')).status).to.equal(200);
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: person.conversationId } }),
    });
    expect(res.status).to.equal(429);
    expect(Number(res.headers.get('retry-after'))).to.be.within(1, 60);
    expect((await new Person(bot.url).say('what is runners knee')).status).to.equal(200);
  });

  it('counts turns, outcomes and unanswered questions for Prometheus on loopback, without personal data', async () => {
    const person = new Person(bot.url);
    await person.say('what is the capital of mongolia');
    await person.say("my knee is deformed and the bone is sticking out");
    const metricsUrl = bot.running.metricsUrl;
    expect(metricsUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const text = await (await fetch(metricsUrl ?? '')).text();
    expect(text).to.match(/bot_turns_total\{channel="webchat"\} \d+/);
    expect(text).to.match(/triage_outcomes_total\{level="emergency"\} [1-9]/);
    expect(text).to.match(/kb_unanswered_total [1-9]/);
    expect(text).to.not.include('mongolia');
  });
});

describe('metrics without METRICS_PORT', () => {
  it('opens no metrics endpoint and answers as usual', async () => {
    const bot = await startTestBot();
    try {
      expect(bot.running.metricsUrl).to.equal(undefined);
      expect((await new Person(bot.url).say('what is runners knee')).status).to.equal(200);
    } finally {
      await bot.stop();
    }
  });
});

describe('the time limit on a turn (PostgreSQL, whose waits do not block the process)', () => {
  const environment = readTestEnvironment(process.env);
  const engine = postgresEngine(environment);
  let handle: BotOnEngine;
  before(async function () {
    await engine.requireAvailable(this);
    handle = await startBotOn(engine, { env: { TURN_TIMEOUT_MS: '500' } });
  });
  after(async () => {
    await handle?.dispose();
  });

  it('tells the caller to retry when a turn runs past the limit, and serves the next one', async () => {
    await withPostgresAdmin(environment.databaseUrl ?? '', async (admin) => {
      await admin.query('BEGIN');
      await admin.query(`LOCK TABLE ${handle.schema}.state IN ACCESS EXCLUSIVE MODE`);
      try {
        expect((await new Person(handle.bot.url).say('what is runners knee')).status).to.equal(503);
      } finally {
        await admin.query('ROLLBACK');
      }
    });
    expect((await new Person(handle.bot.url).say('what is runners knee')).status).to.equal(200);
  });
});

describe('limits on the Direct Line and token endpoints', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ env: { RATE_LIMIT_PER_ADDRESS: '5' } });
  });
  after(() => bot.stop());

  it('answers a client address over its limit per minute with 429 and Retry-After, and leaves /api/messages alone', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).to.equal(true);
    expect(statuses.slice(5)).to.deep.equal([429, 429]);
    expect(Number(retryAfter)).to.be.within(1, 60);
    expect((await new Person(bot.url).say('what is runners knee')).status).to.equal(200);
  });
});
