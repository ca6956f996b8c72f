import { expect } from 'chai';
import { Answers } from '../../triage/answers';
import { holds } from '../../triage/conditions';
import { Level, QuestionId, ReasonId } from '../../triage/ids';
import { Protocol } from '../../triage/protocol';
import { CheckState, evaluate, nextStep, Step } from '../../triage/rules';
import { protocol } from './helpers';

interface RuleCase {
  rule: number;
  answers: Answers;
  unclear?: QuestionId[];
  returning?: boolean;
  level: Level;
  reasons: ReasonId[];
}

// One case per row of the rules table, with the fewest answers that make it match.
const RULE_CASES: RuleCase[] = [
  { rule: 0, answers: { red_flags: ['deformity'] }, level: 'emergency', reasons: ['deformity'] },
  { rule: 1, answers: { red_flags: ['fever_hot_swollen'] }, level: 'emergency', reasons: ['possible_joint_infection'] },
  { rule: 2, answers: { red_flags: ['hot_swollen', 'recent_surgery'] }, level: 'emergency', reasons: ['possible_joint_infection'] },
  { rule: 3, answers: { red_flags: ['breathless'] }, level: 'emergency', reasons: ['possible_clot_in_lung'] },
  { rule: 4, answers: { red_flags: ['cold_pale_foot'] }, level: 'emergency', reasons: ['circulation_or_nerve'] },
  { rule: 5, answers: { injury: 'yes', weight_bearing: 'no' }, level: 'urgent', reasons: ['cannot_bear_weight'] },
  { rule: 6, answers: { red_flags: ['cannot_walk'] }, level: 'urgent', reasons: ['cannot_bear_weight'] },
  { rule: 7, answers: { injury: 'yes', age: 'older' }, level: 'urgent', reasons: ['injury_over_55'] },
  { rule: 8, answers: { injury: 'yes', rapid_swelling: 'yes' }, level: 'urgent', reasons: ['rapid_swelling_after_injury'] },
  { rule: 9, answers: { red_flags: ['hot_swollen'] }, level: 'urgent', reasons: ['hot_swollen_knee'] },
  { rule: 10, answers: { red_flags: ['calf_swelling'] }, level: 'urgent', reasons: ['possible_clot'] },
  { rule: 11, answers: { red_flags: ['locked'] }, level: 'urgent', reasons: ['locked_knee'] },
  { rule: 12, answers: {}, unclear: ['weight_bearing'], level: 'urgent', reasons: ['unclear_safety_answer'] },
  { rule: 13, answers: { red_flags: ['night_pain_weight_loss'] }, level: 'doctor', reasons: ['night_pain_or_weight_loss'] },
  { rule: 14, answers: { red_flags: ['recent_surgery'] }, level: 'doctor', reasons: ['recent_surgery'] },
  { rule: 15, answers: { injury: 'yes' }, level: 'book', reasons: ['injury'] },
  { rule: 16, answers: { age: 'child' }, level: 'book', reasons: ['child'] },
  { rule: 17, answers: { red_flags: ['giving_way'] }, level: 'book', reasons: ['giving_way'] },
  { rule: 18, answers: { red_flags: ['swollen'] }, level: 'book', reasons: ['swelling'] },
  { rule: 19, answers: { red_flags: ['tingling'] }, level: 'book', reasons: ['nerve_symptoms'] },
  { rule: 20, answers: { returning_status: 'same' }, level: 'book', reasons: ['returning'] },
  { rule: 21, answers: { duration: 'gt6w' }, level: 'book', reasons: ['persistent'] },
  { rule: 22, answers: { duration: '1to2w', trend: 'same' }, level: 'book', reasons: ['persistent'] },
  { rule: 23, answers: { trend: 'worse' }, level: 'book', reasons: ['worsening'] },
  { rule: 24, answers: { location: 'back' }, level: 'book', reasons: ['atypical_location'] },
  { rule: 25, answers: { severity: 7 }, level: 'book', reasons: ['severe'] },
  { rule: 26, answers: { recurrent: 'yes' }, level: 'book', reasons: ['recurrent'] },
  { rule: 27, answers: { aggravators: ['walking'] }, level: 'book', reasons: ['daily_activities'] },
  { rule: 28, answers: {}, unclear: ['severity'], level: 'book', reasons: ['unclear_answers'] },
  { rule: 29, answers: { returning_status: 'gone' }, level: 'self-care', reasons: ['resolved'] },
  { rule: 30, answers: { injury: 'no', red_flags: ['none'], duration: '1to2w', trend: 'better', severity: 6 }, level: 'self-care', reasons: ['mild_recent'] },
];

function matchingRules(p: Protocol, c: RuleCase): number[] {
  const input = { answers: c.answers, unclear: c.unclear ?? [], safetyQuestions: p.safetyQuestions, returning: c.returning ?? false };
  return p.rules.flatMap((r, i) => (!('otherwise' in r.when) && holds(r.when, input) ? [i] : []));
}

function state(answers: Answers, extra: Partial<CheckState> = {}): CheckState {
  return { returning: false, answers, unclear: [], asks: {}, replied: [], ...extra };
}

/** Follows the check with coded answers, returning the questions asked and the outcome. */
function walk(p: Protocol, answers: Answers, returning = false): { asked: QuestionId[]; outcome: Step } {
  const asked: QuestionId[] = [];
  let s = state({}, { returning });
  for (;;) {
    const step = nextStep(p, s);
    if (step.kind === 'outcome') return { asked, outcome: step };
    asked.push(step.id);
    const value = answers[step.id];
    if (value === undefined) throw new Error(`asked ${step.id} without an answer in the test`);
    s = { ...s, answers: { ...s.answers, [step.id]: value }, asks: { ...s.asks, [step.id]: step.attempt }, replied: [...(s.replied ?? []), step.id] };
  }
}

describe('triage rules', () => {
  let p: Protocol;
  before(() => {
    p = protocol();
  });

  describe('every rule fires, and at its level only it, with coded answers', () => {
    it('has a case for every rule of the table', () => {
      expect(RULE_CASES.map((c) => c.rule)).to.deep.equal(p.rules.map((_, i) => i));
    });
    for (const c of RULE_CASES) {
      it(`rule ${c.rule} gives ${c.level} with ${c.reasons.join(', ')}`, () => {
        expect(p.rules[c.rule].reason).to.equal(c.reasons[0]);
        expect(evaluate(p, c.answers, c.unclear ?? [], { returning: c.returning })).to.deep.equal({ level: c.level, reasons: c.reasons });
        const atLevel = matchingRules(p, c).filter((i) => p.rules[i].level === c.level);
        if (c.rule !== 30) expect(atLevel).to.deep.equal([c.rule]);
      });
    }
  });

  it('gives the most serious level, with each reason once, in table order', () => {
    const result = evaluate(p, { injury: 'yes', weight_bearing: 'no', red_flags: ['locked', 'cannot_walk', 'hot_swollen', 'calf_swelling', 'swollen'], age: 'child' }, []);
    expect(result).to.deep.equal({ level: 'urgent', reasons: ['cannot_bear_weight', 'hot_swollen_knee', 'possible_clot', 'locked_knee'] });
  });

  it('counts 1 to 2 weeks as persistent only when not getting better', () => {
    expect(evaluate(p, { duration: '1to2w', trend: 'better' }, []).level).to.equal('self-care');
    expect(evaluate(p, { duration: '1to2w', trend: 'worse' }, []).reasons).to.deep.equal(['persistent', 'worsening']);
    expect(evaluate(p, { duration: '1to2w' }, []).level).to.equal('self-care');
  });

  it('lets an unclear answer match no other rule', () => {
    expect(evaluate(p, { red_flags: ['none'] }, ['red_flags'])).to.deep.equal({ level: 'urgent', reasons: ['unclear_safety_answer'] });
    expect(evaluate(p, {}, ['duration', 'trend'])).to.deep.equal({ level: 'book', reasons: ['unclear_answers'] });
  });

  describe('order and stopping', () => {
    it('asks injury first, and returning_status first for a returning person', () => {
      expect(nextStep(p, state({}))).to.deep.equal({ kind: 'question', id: 'injury', attempt: 1 });
      expect(nextStep(p, state({}, { returning: true }))).to.deep.equal({ kind: 'question', id: 'returning_status', attempt: 1 });
    });

    it('asks a question that could raise the outcome only with a later one: an injury at 55 or over, once a benign fall\'s follow-ups are known', () => {
      // Told: walking fine, no swelling, a recent operation (doctor). Injury alone, or age alone, adds nothing above it.
      const told = state({ weight_bearing: 'yes', rapid_swelling: 'no', red_flags: ['recent_surgery'] });
      expect(nextStep(p, told)).to.deep.equal({ kind: 'question', id: 'injury', attempt: 1 });
    });

    it('asks every question, in order, while nothing raises the outcome', () => {
      const { asked, outcome } = walk(p, {
        injury: 'no', red_flags: ['none'], age: 'adult', duration: 'lt1w', trend: 'better', location: 'front', severity: 3, recurrent: 'no', aggravators: ['running'],
      });
      expect(asked).to.deep.equal(['injury', 'red_flags', 'age', 'duration', 'trend', 'location', 'severity', 'recurrent', 'aggravators']);
      expect(outcome).to.deep.equal({ kind: 'outcome', level: 'self-care', reasons: ['mild_recent'], protocol: p.version });
    });

    it('after an injury asks the follow-ups, red flags and age, then stops at book', () => {
      const { asked, outcome } = walk(p, { injury: 'yes', weight_bearing: 'yes', rapid_swelling: 'no', red_flags: ['none'], age: 'adult' });
      expect(asked).to.deep.equal(['injury', 'weight_bearing', 'rapid_swelling', 'red_flags', 'age']);
      expect(outcome).to.include({ level: 'book' });
    });

    it('does not ask age once book is reached without an injury', () => {
      const { asked, outcome } = walk(p, { injury: 'no', red_flags: ['swollen'] });
      expect(asked).to.deep.equal(['injury', 'red_flags']);
      expect(outcome).to.deep.include({ level: 'book', reasons: ['swelling'] });
    });

    it('stops asking once a duration makes it book', () => {
      const { asked } = walk(p, { injury: 'no', red_flags: ['none'], age: 'adult', duration: 'gt6w' });
      expect(asked).to.deep.equal(['injury', 'red_flags', 'age', 'duration']);
    });

    it('skips the other injury questions and age once the injury is urgent, but still asks red flags', () => {
      const { asked, outcome } = walk(p, { injury: 'yes', weight_bearing: 'no', red_flags: ['none'] });
      expect(asked).to.deep.equal(['injury', 'weight_bearing', 'red_flags']);
      expect(outcome).to.deep.include({ level: 'urgent', reasons: ['cannot_bear_weight'] });
    });

    it('ends at once on an emergency answer', () => {
      const { asked, outcome } = walk(p, { injury: 'no', red_flags: ['breathless'] });
      expect(asked).to.deep.equal(['injury', 'red_flags']);
      expect(outcome).to.deep.include({ level: 'emergency', reasons: ['possible_clot_in_lung'] });
      expect(nextStep(p, state({ red_flags: ['deformity'] }))).to.include({ kind: 'outcome', level: 'emergency' });
    });

    it('ends a returning check whose pain is gone', () => {
      const { asked, outcome } = walk(p, { returning_status: 'gone' }, true);
      expect(asked).to.deep.equal(['returning_status']);
      expect(outcome).to.deep.include({ level: 'self-care', reasons: ['resolved'] });
    });

    it('asks a returning person how it is now first, even when the opening already makes it book', () => {
      expect(nextStep(p, state({ recurrent: 'yes' }, { returning: true }))).to.deep.include({ id: 'returning_status' });
      expect(nextStep(p, state({ red_flags: ['deformity'] }, { returning: true }))).to.include({ kind: 'outcome' });
    });

    it('asks injury and red flags of a returning person who is the same, but nothing that only gives book', () => {
      const { asked } = walk(p, { returning_status: 'same', injury: 'no', red_flags: ['none'] }, true);
      expect(asked).to.deep.equal(['returning_status', 'injury', 'red_flags']);
    });

    it('asks red flags even when they were volunteered (again if unclear), and never asks a volunteered injury', () => {
      const volunteered = state({ injury: 'yes', red_flags: ['swollen'] });
      expect(nextStep(p, volunteered)).to.deep.include({ id: 'weight_bearing' });
      const afterFollowUps = state({ injury: 'yes', weight_bearing: 'yes', rapid_swelling: 'no', red_flags: ['swollen'] });
      expect(nextStep(p, afterFollowUps)).to.deep.include({ id: 'red_flags' });
      expect(nextStep(p, { ...afterFollowUps, asks: { red_flags: 1 } })).to.deep.include({ id: 'red_flags', attempt: 2 });
      expect(nextStep(p, { ...afterFollowUps, asks: { red_flags: 1 }, replied: ['red_flags'] })).to.deep.include({ id: 'age' });
    });

    it('still asks red flags after an unclear injury answer, then ends urgent', () => {
      const s = state({}, { unclear: ['injury'], asks: { injury: 2 } });
      expect(nextStep(p, s)).to.deep.include({ id: 'red_flags' });
      expect(nextStep(p, { ...s, answers: { red_flags: ['none'] }, asks: { injury: 2, red_flags: 1 }, replied: ['red_flags'] })).to.deep.equal({
        kind: 'outcome', level: 'urgent', reasons: ['unclear_safety_answer'], protocol: p.version,
      });
    });

    it('derives what to ask from the rule data, not from code', () => {
      const stricter: Protocol = {
        ...p,
        rules: [{ level: 'urgent', reason: 'severe', when: { gte: ['severity', 9] } }, ...p.rules],
      };
      const booked = state({ injury: 'no', red_flags: ['swollen'] }, { asks: { injury: 1, red_flags: 1 }, replied: ['injury', 'red_flags'] });
      expect(nextStep(p, booked).kind).to.equal('outcome');
      expect(nextStep(stricter, booked)).to.deep.include({ id: 'severity' });
    });
  });
});
