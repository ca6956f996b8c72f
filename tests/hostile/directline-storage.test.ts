import { expect } from 'chai';
import { startBotProcess, type BotProcess } from './botProcess';
import { errorLines, expectStillAnswering, linesWithSecrets, openSession } from './checks';
import { nested } from './rows';

/** What a visitor can make the bot's own Direct Line keep, and what that does to their conversation. */
describe('hostile values kept by Direct Line', function () {
  this.timeout(30_000);
  let bot: BotProcess;
  before(async () => {
    bot = await startBotProcess();
  });
  after(() => bot.stop());
  afterEach(async () => {
    if (bot.alive()) return;
    await bot.stop();
    bot = await startBotProcess();
  });

  async function postThenRead(body: string) {
    const session = await openSession(bot.url);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${session.token}` };
    const base = `${bot.url}/v3/directline/conversations/${session.conversationId}/activities`;
    const posted = await fetch(base, { method: 'POST', headers, body });
    const read = await fetch(base, { headers });
    return { session, posted: posted.status, read: read.status, readBody: await read.text() };
  }

  it('refuses a value nested 10,000 deep, or keeps the conversation readable after it', async () => {
    const seen = bot.logLines().length;
    const result = await postThenRead(`{"type":"message","text":"hello","value":${nested(10_000, 'array')}}`);
    if (result.posted >= 200 && result.posted < 300) expect(result.read, 'the conversation can no longer be read').to.equal(200);
    else expect(result.posted).to.be.within(400, 499);
    const fresh = bot.logLines().slice(seen);
    expect(errorLines(fresh)).to.deep.equal([]);
    expect(linesWithSecrets(fresh, [result.session.token]), 'a bearer token reached the log').to.deep.equal([]);
    await expectStillAnswering(bot);
  });

  it('refuses a button value larger than any button sends (4 kB), or does not keep it whole', async () => {
    const result = await postThenRead(JSON.stringify({ type: 'message', text: 'hello', value: { note: 'x'.repeat(200_000) } }));
    if (result.posted >= 200 && result.posted < 300) expect(result.readBody.length, 'kept 200 kB from one button press').to.be.below(50_000);
    else expect(result.posted).to.be.within(400, 499);
  });

  it('gives a new visitor id to a conversation token offered as a returning visitor\'s token', async () => {
    const issued: unknown = await (await fetch(`${bot.url}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
    const victim = typeof issued === 'object' && issued !== null && 'userId' in issued && 'token' in issued ? issued : undefined;
    expect(victim, JSON.stringify(issued)).to.not.equal(undefined);
    const again: unknown = await (
      await fetch(`${bot.url}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userToken: victim?.token }) })
    ).json();
    expect(typeof again === 'object' && again !== null && 'userId' in again ? again.userId : undefined).to.be.a('string').and.not.equal(victim?.userId);
  });
});
