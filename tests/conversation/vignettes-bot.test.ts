import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Person, startTestBot, type TestBot } from '../support/bot';
import { readTestData } from '../support/data';
import { finishCheck, outcomeOf, questionId } from './journey';

interface Vignette {
  name: string;
  opening: string;
  returning: boolean;
  replies: Record<string, string | string[]>;
  expect: { level: string; reasons: string[] };
}

const LEVELS = ['self-care', 'book', 'doctor', 'urgent', 'emergency'];
// Those written as people talk, then those written from the protocol alone.
const vignettes = [...readTestData<Vignette[]>('triage-vignettes.json'), ...readTestData<Vignette[]>('triage-vignettes-blind.json')];
const MILD = { injury: 'no', red_flags: 'none', age: '30', duration: '3 days', trend: 'better', location: 'front', severity: '3', recurrent: 'no', aggravators: 'running' };

describe('triage vignettes through the whole bot (HTTP, Web Chat and SMS)', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot({ now: () => new Date('2026-11-25T15:00:00Z') });
  });
  after(() => bot.stop());

  // A bare number picks an option only where options are numbered: those vignettes are sent by SMS ("2", "3, 9", "option 2",
  // "14 i think", "3, 8, 10. no fever", "4 and 13 (swollen but not hot)", "2 - no", "12 - night pain", "1 better").
  const NUMBERED =
    /^\s*(?:(?:option|opt|number|#)\s*\d+|\d+(?:\s*(?:,|&|and)\s*\d+)*\s*(?:\.|i think|probably|mostly|maybe|i guess)?\s*$|\d+(?:\s*(?:,|&|and)\s*\d+)*\s*[.(:\u2013-]\s*\S|\d+\s+(?:yes|no|none|better|same|worse)\b)/i;
  const picksByNumber = (v: Vignette): boolean =>
    Object.entries(v.replies).some(([id, reply]) => !['age', 'severity'].includes(id) && [reply].flat().some((r) => NUMBERED.test(r)));

  vignettes.forEach((v, i) => {
    const channel = i % 2 || picksByNumber(v) ? 'sms' : 'webchat';
    it(`${v.name} -> ${v.expect.level} (${channel})`, async () => {
      const userId = channel === 'sms' ? `+1416555${String(1000 + i).padStart(4, '0')}` : `u-${randomUUID()}`;
      if (v.returning) {
        const earlier = new Person(bot.url, channel, userId);
        await finishCheck(earlier, await earlier.say('my knee hurts'), MILD);
      }
      const person = new Person(bot.url, channel, userId);
      let opening = await person.say(v.opening);
      // "hi, knee question": the bot welcomes them and says what it can do; they then tell of the knee.
      if (!questionId(opening) && !outcomeOf(opening)) opening = await person.say('my knee hurts');
      const outcome = await finishCheck(person, opening, v.replies);
      // Never under-triage; an emergency spotted in the opening message carries emergency_message instead.
      expect(LEVELS.indexOf(outcome.level), `level ${outcome.level}`).to.equal(LEVELS.indexOf(v.expect.level));
      if (!outcome.reasons.includes('emergency_message')) expect(outcome.reasons).to.deep.equal(v.expect.reasons);
    });
  });
});
