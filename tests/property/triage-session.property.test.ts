import { expect } from 'chai';
import fc from 'fast-check';
import { answerTurn, answerWithCode, evaluate, levelRank, questionById, startSession, withAnswer, type AnswerValue, type Question, type TriageState } from '../../triage';
import { answerFragment } from '../../triage/answers';
import { anyText, smsText } from './arbitraries';
import { CTX, loadRealContent, type RealContent } from './content';
import { expectValidAnswers, expectValidStep } from './expectations';

/** How a simulated person answers whatever is asked: a real reply, a button, a wrong button, or noise. */
const replyPlan = fc.record({
  how: fc.constantFrom('real', 'real', 'button', 'button', 'badButton', 'noise'),
  pick: fc.nat(),
  noise: fc.oneof(anyText, smsText),
});
type ReplyPlan = { how: string; pick: number; noise: string };

function replyFor(content: RealContent, state: TriageState, plan: ReplyPlan): { text: string; button: boolean } {
  const id = state.pending;
  if (id === null) return { text: plan.noise, button: false };
  const q = questionById(content.protocol, id);
  const real = content.repliesByQuestion.get(id) ?? [];
  switch (plan.how) {
    case 'real':
      return real.length ? { text: real[plan.pick % real.length], button: false } : { text: plan.noise, button: false };
    case 'button': {
      if (q.kind === 'number') return { text: String(plan.pick % ((q.max ?? 10) + 1)), button: true };
      const codes = q.options.map((o) => o.code);
      const first = codes[plan.pick % codes.length];
      const second = codes[Math.floor(plan.pick / codes.length) % codes.length];
      return { text: q.kind === 'multi' && plan.pick % 3 === 0 ? `${first},${second}` : first, button: true };
    }
    case 'badButton':
      return { text: ['nonsense', 'yes,no', '99', '-1', 'none,', ',', 'topic:ice', '__proto__'][plan.pick % 8], button: true };
    default:
      return { text: plan.noise, button: false };
  }
}

/** Signs a fever told with them turns into the fever-and-hot-swollen-knee sign. */
const FEVER_JOINS = new Set(['swollen', 'hot_swollen']);

describe('property: a symptom check driven by any replies', () => {
  let content: RealContent;
  before(() => {
    content = loadRealContent();
  });

  const opening = () => fc.option(fc.oneof(fc.constantFrom(...content.openings), anyText, smsText), { nil: undefined });

  it('always yields a valid step, never throwing, and ends within two asks of each question', () => {
    const limit = 2 * content.protocol.questions.length + 2;
    fc.assert(
      fc.property(opening(), fc.boolean(), fc.array(replyPlan, { minLength: limit, maxLength: limit }), (openingText, returning, plans) => {
        let { state, step } = startSession(content.protocol, { returning, openingText, ctx: CTX });
        expectValidStep(content.protocol, state, step);
        let turns = 0;
        for (const plan of plans) {
          if (step.kind === 'outcome') break;
          const reply = replyFor(content, state, plan);
          ({ state, step } = reply.button ? answerWithCode(content.protocol, state, reply.text, CTX) : answerTurn(content.protocol, state, reply.text, CTX));
          expectValidStep(content.protocol, state, step);
          expectValidAnswers(content.protocol, state.answers);
          turns += 1;
        }
        expect(step.kind, `no outcome after ${turns} replies`).to.equal('outcome');
      }),
      { numRuns: 120 },
    );
  });

  it('never forgets a warning sign, and never ends less serious than what it has already heard', () => {
    fc.assert(
      fc.property(opening(), fc.boolean(), fc.array(replyPlan, { maxLength: 26 }), (openingText, returning, plans) => {
        let { state, step } = startSession(content.protocol, { returning, openingText, ctx: CTX });
        const heard: TriageState[] = [state];
        for (const plan of plans) {
          if (step.kind === 'outcome') break;
          const reply = replyFor(content, state, plan);
          const before = state.answers.red_flags ?? [];
          ({ state, step } = reply.button ? answerWithCode(content.protocol, state, reply.text, CTX) : answerTurn(content.protocol, state, reply.text, CTX));
          // A swollen or hot knee told with a fever is the fever-and-hot-swollen-knee sign: the more serious one stands for it.
          const kept = (flag: (typeof before)[number]) => state.answers.red_flags?.includes(flag) || (FEVER_JOINS.has(flag) && state.answers.red_flags?.includes('fever_hot_swollen'));
          for (const flag of before.filter((f) => f !== 'none')) expect(kept(flag), `lost ${flag}: ${JSON.stringify(state.answers.red_flags)}`).to.equal(true);
          heard.push(state);
        }
        if (step.kind !== 'outcome') return;
        for (const earlier of heard) {
          const already = evaluate(content.protocol, earlier.answers, earlier.unclear, earlier).level;
          expect(levelRank(step.level), `ended ${step.level} after hearing enough for ${already}`).to.be.at.most(levelRank(already));
        }
      }),
      { numRuns: 120 },
    );
  });

  it('ends only when no one or two questions left unanswered could together make the outcome more serious', () => {
    const protocol = content.protocol;
    const answersOf = (q: Question): AnswerValue[] => {
      if (q.kind === 'number') return Array.from({ length: (q.max ?? 10) - (q.min ?? 0) + 1 }, (_, i) => (q.min ?? 0) + i);
      const codes = q.options.map((o) => o.code);
      if (q.kind !== 'multi') return codes;
      const signs = codes.filter((c) => c !== 'none');
      return [['none'], ...signs.flatMap((a, i) => [[a], ...signs.slice(i + 1).map((b) => [a, b])])];
    };
    // Any answers told before the check (as an opening message may tell them: each question or not), then a button for
    // each question asked.
    const questions = protocol.questions.filter((q) => q.id !== 'returning_status');
    const told = fc.array(fc.tuple(fc.boolean(), fc.nat()), { minLength: questions.length, maxLength: questions.length });
    fc.assert(
      fc.property(told, fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), (toldPicks, picks) => {
        let answers = {};
        toldPicks.forEach(([isTold, pick], i) => {
          const values = answersOf(questions[i]);
          if (isTold) answers = withAnswer(answers, answerFragment(questions[i].id, values[pick % values.length]) ?? {});
        });
        let { state, step } = startSession(protocol, { returning: false, told: answers, ctx: CTX });
        for (const pick of picks) {
          if (step.kind === 'outcome') break;
          const values = answersOf(questionById(protocol, step.id));
          const value = values[pick % values.length];
          ({ state, step } = answerWithCode(protocol, state, Array.isArray(value) ? value.join(',') : String(value), CTX));
        }
        if (step.kind !== 'outcome' || step.level === 'emergency') return;
        const open = protocol.questions.filter((q) => state.answers[q.id] === undefined && !state.unclear.includes(q.id));
        const rank = levelRank(step.level);
        for (const [i, a] of open.entries()) {
          for (const b of [undefined, ...open.slice(i + 1)]) {
            for (const valueA of answersOf(a)) {
              for (const valueB of b ? answersOf(b) : [undefined]) {
                let answers = withAnswer(state.answers, answerFragment(a.id, valueA) ?? {});
                if (b && valueB !== undefined) answers = withAnswer(answers, answerFragment(b.id, valueB) ?? {});
                const level = evaluate(protocol, answers, state.unclear, state).level;
                expect(levelRank(level), `ended ${step.level} without asking ${a.id}${b ? ` and ${b.id}` : ''}`).to.be.at.least(rank);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers any further message after the outcome with the same outcome, never throwing', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, smsText), fc.boolean(), (text, button) => {
        const started = startSession(content.protocol, { returning: true, ctx: CTX });
        const ended = answerWithCode(content.protocol, started.state, 'gone', CTX);
        expect(ended.step.kind).to.equal('outcome');
        const again = button ? answerWithCode(content.protocol, ended.state, text, CTX) : answerTurn(content.protocol, ended.state, text, CTX);
        expectValidStep(content.protocol, again.state, again.step);
        expect(again.step).to.deep.equal(ended.step);
      }),
      { numRuns: 200 },
    );
  });
});
