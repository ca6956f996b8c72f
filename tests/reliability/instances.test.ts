import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Person, startTestBot, type TestBot } from '../support/bot';
import { postgresEngine, readTestEnvironment, type TestTarget } from '../storage/engines';
import { finishCheck, questionId } from '../conversation/journey';

describe('two bot instances on one PostgreSQL database', () => {
  const engine = postgresEngine(readTestEnvironment(process.env));
  let target: TestTarget;
  let first: TestBot;
  let second: TestBot;
  before(async function () {
    await engine.requireAvailable(this);
    target = await engine.createTarget();
    const env = { DATABASE_URL: target.options.databaseUrl ?? '', USER_KEY_SECRET: 'shared-secret-for-both-instances' };
    first = await startTestBot({ env, schema: target.options.schema });
    second = await startTestBot({ env, schema: target.options.schema });
  });
  after(async () => {
    await first?.stop();
    await second?.stop();
    await target?.dispose();
  });

  it('carries a symptom check on while its turns alternate between the instances', async () => {
    const userId = `u-${randomUUID()}`;
    const onFirst = new Person(first.url, 'webchat', userId);
    const onSecond = Object.assign(new Person(second.url, 'webchat', userId), { conversationId: onFirst.conversationId });
    const people = [onFirst, onSecond];
    const replies: Record<string, string> = { injury: 'no', red_flags: 'none', age: '30', duration: '3 days', trend: 'better', location: 'front', severity: '3', recurrent: 'no', aggravators: 'running' };
    let turn = await onFirst.say('my knee hurts');
    const asked: string[] = [];
    for (let i = 1; i < 15 && questionId(turn); i++) {
      const id = questionId(turn) ?? '';
      asked.push(id);
      turn = await people[i % 2].say(replies[id]);
    }
    expect(asked).to.deep.equal(['injury', 'red_flags', 'age', 'duration', 'trend', 'location', 'severity', 'recurrent', 'aggravators']);
    expect(turn.entity('triage.outcome')?.level).to.equal('self-care');
    // The second instance knows the person is returning, from the check the first one stored.
    const later = new Person(second.url, 'webchat', userId);
    expect(questionId(await later.say('my knee hurts again'))).to.equal('returning_status');
    await finishCheck(later, await later.say('better'), replies);
  });

  it('refuses the losing one of two messages sent at once, cleanly, and keeps the dialog whole', async () => {
    const a = new Person(first.url);
    const b = Object.assign(new Person(second.url, 'webchat', a.userId), { conversationId: a.conversationId });
    await a.say('my knee hurts');
    const [one, two] = await Promise.all([a.say('no'), b.say('no')]);
    const answered = [one, two].filter((t) => questionId(t) === 'red_flags');
    const refused = [one, two].filter((t) => /trouble right now/.test(t.text));
    expect(answered.length + refused.length).to.equal(2);
    expect(answered.length).to.be.at.least(1);
    // Whatever happened, the conversation carries on at the next question.
    expect(questionId(await a.say('none'))).to.equal('age');
  });
});
