import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Person } from '../support/bot';
import { botEngines, startBotOn, type BotOnEngine } from '../support/engines';
import { finishCheck, outcomeOf, questionId, walkTo } from './journey';

const MILD = { injury: 'no', red_flags: 'none', age: '30', duration: '3 days', trend: 'better', location: 'front', severity: '3', recurrent: 'no', aggravators: 'running' };

for (const engine of botEngines()) {
  describe(`conversation state on ${engine.name}`, function () {
    let handle: BotOnEngine;
    before(async function () {
      await engine.requireAvailable(this);
      handle = await startBotOn(engine, { now: () => new Date('2026-11-25T15:00:00Z') });
    });
    after(async () => {
      await handle?.dispose();
    });

    it('carries a check on at the pending question after the bot restarts', async () => {
      const userId = `u-${randomUUID()}`;
      const before = new Person(handle.bot.url, 'webchat', userId);
      await walkTo(before, 'age');
      await handle.restart();
      const after = Object.assign(new Person(handle.bot.url, 'webchat', userId), { conversationId: before.conversationId });
      expect(questionId(await after.say('34'))).to.equal('duration');
    });

    it('asks a returning person how it is now, in a new conversation after a restart, and "worse" makes it at least book', async () => {
      const userId = `u-${randomUUID()}`;
      const first = new Person(handle.bot.url, 'webchat', userId);
      const outcome = await finishCheck(first, await first.say('my knee hurts'), MILD);
      expect(outcome.level).to.equal('self-care');
      await handle.restart();
      const second = new Person(handle.bot.url, 'webchat', userId);
      const start = await second.say('my knee is sore again');
      expect(start.text).to.not.match(/remember the result for 90 days/);
      expect(questionId(start)).to.equal('returning_status');
      const result = await finishCheck(second, start, { ...MILD, returning_status: 'worse' });
      expect(result.level).to.equal('book');
      expect(result.reasons).to.include('returning');
    });

    it('ends kindly with self-care when a returning person says the pain is gone', async () => {
      const userId = `u-${randomUUID()}`;
      const first = new Person(handle.bot.url, 'webchat', userId);
      await finishCheck(first, await first.say('my knee hurts'), MILD);
      const second = new Person(handle.bot.url, 'webchat', userId);
      const start = await second.say('my knee hurts');
      const outcome = outcomeOf(await second.say("it's gone now"));
      expect(questionId(start)).to.equal('returning_status');
      expect(outcome).to.deep.equal({ level: 'self-care', reasons: ['resolved'] });
    });

    it('asks a returning person whose pain is gone, but who fell on it since, the questions about the injury', async () => {
      const userId = `u-${randomUUID()}`;
      const first = new Person(handle.bot.url, 'webchat', userId);
      await finishCheck(first, await first.say('my knee hurts'), MILD);
      const second = new Person(handle.bot.url, 'webchat', userId);
      await second.say('hi, back about my knee');
      expect(questionId(await second.say("it's gone, but I fell on it yesterday"))).to.equal('weight_bearing');
      // "The other knee hurts now" is no knee pain gone: the check goes on.
      const third = new Person(handle.bot.url, 'webchat', userId);
      await third.say('my knee');
      const other = await third.say('my right knee is gone but now my left knee hurts');
      expect(outcomeOf(other)).to.equal(undefined);
      expect(questionId(other)).to.equal('injury');
    });

    it('keeps no result from a conversation whose person asked not to be remembered, and goes on with the check', async () => {
      const userId = `u-${randomUUID()}`;
      const first = new Person(handle.bot.url, 'webchat', userId);
      await walkTo(first, 'age');
      const asked = await first.say("please don't remember my results");
      expect(asked.text).to.match(/won't remember the result/);
      expect(questionId(asked)).to.equal('age');
      await finishCheck(first, await first.say('30'), MILD);
      const second = new Person(handle.bot.url, 'webchat', userId);
      expect(questionId(await second.say('my knee hurts'))).to.equal('injury');
    });

    it('forgets a person on "delete my data": the next check is a first check again', async () => {
      const userId = `u-${randomUUID()}`;
      const first = new Person(handle.bot.url, 'webchat', userId);
      await finishCheck(first, await first.say('my knee hurts'), MILD);
      expect((await first.say('delete my data')).text).to.match(/deleted/);
      const second = new Person(handle.bot.url, 'webchat', userId);
      const start = await second.say('my knee hurts');
      expect(questionId(start)).to.equal('injury');
      expect(start.text).to.match(/remember the result for 90 days/);
    });

    it('keeps the keyed hash, never the raw id, in storage', async () => {
      const userId = `+1416555${Math.floor(1000 + Math.random() * 8999)}`;
      const person = new Person(handle.bot.url, 'sms', userId);
      await finishCheck(person, await person.say('my knee hurts'), MILD);
      const rows = await handle.bot.running.database.sql.query<{ user_key: string }>('SELECT user_key FROM check_memory', []);
      expect(rows.length).to.be.greaterThan(0);
      expect(rows.map((r) => r.user_key).join(' ')).to.not.include(userId.slice(1));
      const state = await handle.bot.running.database.sql.query<{ key: string; value: string }>('SELECT key, value FROM state', []);
      expect(state.map((r) => r.key + r.value).join(' ')).to.not.include(userId.slice(1));
    });
  });
}
