import { expect } from 'chai';
import fc from 'fast-check';
import {
  AGE_BANDS,
  AGGRAVATORS,
  DURATION_BANDS,
  evaluate,
  isReasonId,
  levelRank,
  LOCATIONS,
  QUESTION_IDS,
  RED_FLAGS,
  RETURNING_STATUSES,
  TRENDS,
  YES_NO,
  type Answers,
  type Protocol,
  type QuestionId,
} from '../../triage';
import { answerFragment } from '../../triage/answers';
import { loadRealContent } from './content';

const REAL_FLAGS = RED_FLAGS.filter((f) => f !== 'none');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Any combination of answers a check could hold, valid codes only. */
const answers: fc.Arbitrary<Answers> = fc
  .record({
    returning_status: maybe(fc.constantFrom(...RETURNING_STATUSES)),
    injury: maybe(fc.constantFrom(...YES_NO)),
    weight_bearing: maybe(fc.constantFrom(...YES_NO)),
    rapid_swelling: maybe(fc.constantFrom(...YES_NO)),
    red_flags: maybe(fc.oneof(fc.subarray([...REAL_FLAGS], { minLength: 1 }), fc.constant(['none' as const]))),
    age: maybe(fc.constantFrom(...AGE_BANDS)),
    duration: maybe(fc.constantFrom(...DURATION_BANDS)),
    trend: maybe(fc.constantFrom(...TRENDS)),
    location: maybe(fc.constantFrom(...LOCATIONS)),
    severity: maybe(fc.integer({ min: 0, max: 10 })),
    recurrent: maybe(fc.constantFrom(...YES_NO)),
    aggravators: maybe(fc.subarray([...AGGRAVATORS], { minLength: 1 })),
  })
  .map((record) => {
    const out: Answers = {};
    for (const [key, value] of Object.entries(record)) if (value !== undefined) Object.assign(out, { [key]: value });
    return out;
  });

const unclear: fc.Arbitrary<QuestionId[]> = fc.subarray([...QUESTION_IDS]);

function rank(protocol: Protocol, a: Answers, u: readonly QuestionId[], returning: boolean): number {
  return levelRank(evaluate(protocol, a, u, { returning }).level);
}

describe('property: the triage rules never under-triage', () => {
  const protocol = loadRealContent().protocol;

  it('gives a valid level and at least one known reason for any answers', () => {
    fc.assert(
      fc.property(answers, unclear, fc.boolean(), (a, u, returning) => {
        const result = evaluate(protocol, a, u, { returning });
        expect(result.reasons.length).to.be.at.least(1);
        for (const reason of result.reasons) expect(isReasonId(reason), reason).to.equal(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never lowers the level when a warning sign is added', () => {
    fc.assert(
      fc.property(answers, unclear, fc.boolean(), fc.constantFrom(...REAL_FLAGS), (a, u, returning, flag) => {
        const flags = (a.red_flags ?? []).filter((f) => f !== 'none');
        const more: Answers = { ...a, red_flags: flags.includes(flag) ? flags : [...flags, flag] };
        expect(rank(protocol, more, u, returning), `adding ${flag} to ${JSON.stringify(a)}`).to.be.at.most(rank(protocol, a, u, returning));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts every emergency warning sign at the emergency level, whatever else is known', () => {
    const emergencySigns = REAL_FLAGS.filter((flag) => evaluate(protocol, { red_flags: [flag] }, []).level === 'emergency');
    expect(emergencySigns, 'the protocol has emergency signs').to.not.be.empty;
    fc.assert(
      fc.property(answers, unclear, fc.boolean(), fc.constantFrom(...emergencySigns), (a, u, returning, flag) => {
        const flags = (a.red_flags ?? []).filter((f) => f !== 'none');
        expect(evaluate(protocol, { ...a, red_flags: [...flags, flag] }, u, { returning }).level).to.equal('emergency');
      }),
      { numRuns: 500 },
    );
  });

  it('never lowers the level when one more answer becomes known', () => {
    fc.assert(
      fc.property(answers, answers, unclear, fc.boolean(), fc.constantFrom(...QUESTION_IDS), (a, other, u, returning, id) => {
        const value = other[id];
        if (a[id] !== undefined || value === undefined) return;
        const more: Answers = { ...a, ...answerFragment(id, value) };
        expect(rank(protocol, more, u, returning), `adding ${id}=${JSON.stringify(value)} to ${JSON.stringify(a)}`).to.be.at.most(rank(protocol, a, u, returning));
      }),
      { numRuns: 1500 },
    );
  });

  it('never lowers the level when one more answer stays unclear', () => {
    fc.assert(
      fc.property(answers, unclear, fc.boolean(), fc.constantFrom(...QUESTION_IDS), (a, u, returning, id) => {
        if (u.includes(id)) return;
        expect(rank(protocol, a, [...u, id], returning)).to.be.at.most(rank(protocol, a, u, returning));
      }),
      { numRuns: 1000 },
    );
  });
});
