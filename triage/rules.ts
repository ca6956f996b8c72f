// Applies the protocol's rules table and decides what to ask next, from the data alone.
import { AnswerValue, Answers, answerFragment, withAnswer } from './answers';
import { ConditionInput, holds, questionsIn } from './conditions';
import { Level, levelRank, LEVELS, QuestionId, ReasonId } from './ids';
import { Protocol, Question } from './protocol';

export interface Evaluation {
  level: Level;
  reasons: ReasonId[];
}

/** What the order-and-stopping rule needs to know about a check in progress. */
export interface CheckState {
  /** A person with a completed check in the last 90 days. */
  returning: boolean;
  answers: Answers;
  /** Questions still unclear after two asks: skipped, and they raise the outcome. */
  unclear: QuestionId[];
  /** How many times each question has been asked. */
  asks: Partial<Record<QuestionId, number>>;
  /** Questions answered in reply to being asked (a volunteered answer is not enough for red flags). */
  replied?: QuestionId[];
}

export type Step =
  | { kind: 'question'; id: QuestionId; attempt: number }
  | { kind: 'outcome'; level: Level; reasons: ReasonId[]; protocol: string };

/**
 * The outcome the answers give: the most serious level among the matching rules, with the
 * distinct reasons of the matching rules at that level, in table order.
 */
export function evaluate(
  protocol: Protocol,
  answers: Answers,
  unclear: readonly QuestionId[],
  context: { returning?: boolean } = {},
): Evaluation {
  const input: ConditionInput = { answers, unclear, safetyQuestions: protocol.safetyQuestions, returning: context.returning ?? false };
  let matched = protocol.rules.filter((r) => !('otherwise' in r.when) && holds(r.when, input));
  if (matched.length === 0) matched = protocol.rules.filter((r) => 'otherwise' in r.when);
  if (matched.length === 0) return { level: LEVELS[LEVELS.length - 1], reasons: [] };
  const level = matched.reduce((best, r) => (levelRank(r.level) < levelRank(best) ? r.level : best), matched[0].level);
  const reasons: ReasonId[] = [];
  for (const r of matched) if (r.level === level && !reasons.includes(r.reason)) reasons.push(r.reason);
  return { level, reasons };
}

/** Whether `after` gives a more serious outcome than `before` (nothing left unclear). */
export function raisesLevel(protocol: Protocol, before: Answers, after: Answers): boolean {
  return levelRank(evaluate(protocol, after, []).level) < levelRank(evaluate(protocol, before, []).level);
}

/** Every answer a question could get; several-code questions yield the largest sets first. */
function* possibleAnswers(q: Question): Generator<AnswerValue> {
  if (q.kind === 'number') {
    for (let n = q.max ?? 0; n >= (q.min ?? 0); n--) yield n;
    return;
  }
  if (q.kind !== 'multi') {
    for (const o of q.options) yield o.code;
    return;
  }
  const codes = q.options.map((o) => o.code).filter((c) => c !== 'none');
  for (let mask = (1 << codes.length) - 1; mask > 0; mask--) yield codes.filter((_, i) => (mask & (1 << i)) !== 0);
  yield ['none'];
}

/** Questions whose asking depends, directly or through another, on `id` (injury -> weight_bearing). */
function followUpsOf(protocol: Protocol, id: QuestionId): Question[] {
  const deps = new Set<QuestionId>([id]);
  const out: Question[] = [];
  for (const q of protocol.questions) {
    if (q.askWhen && questionsIn(q.askWhen).some((d) => deps.has(d))) {
      deps.add(q.id);
      out.push(q);
    }
  }
  return out;
}

/** Whether a question's `askWhen` holds (weight_bearing only after an injury). */
function applies(q: Question, state: { answers: Answers; returning: boolean; unclear: readonly QuestionId[] }, protocol: Protocol): boolean {
  if (!q.askWhen) return true;
  return holds(q.askWhen, { answers: state.answers, unclear: state.unclear, safetyQuestions: protocol.safetyQuestions, returning: state.returning });
}

/** The most serious rank reachable by answering `rest` (those that would be asked), given `answers`. */
function bestRank(protocol: Protocol, state: CheckState, answers: Answers, rest: Question[], target: number): number {
  const current = levelRank(evaluate(protocol, answers, state.unclear, state).level);
  if (current < target) return current;
  const [next, ...others] = rest;
  if (!next) return current;
  const open = answers[next.id] === undefined && !state.unclear.includes(next.id);
  if (!open || !applies(next, { ...state, answers }, protocol)) return bestRank(protocol, state, answers, others, target);
  let best = current;
  for (const value of possibleAnswers(next)) {
    const fragment = answerFragment(next.id, value);
    if (!fragment) continue;
    best = Math.min(best, bestRank(protocol, state, withAnswer(answers, fragment), others, target));
    if (best < target) return best;
  }
  return best;
}

/**
 * The questions a rule names together with `id` ("an injury at 55 or over": injury and age): answered with it, they may
 * make the outcome more serious where neither does alone.
 */
function partnersOf(protocol: Protocol, id: QuestionId): QuestionId[] {
  const partners = new Set<QuestionId>();
  for (const rule of protocol.rules) {
    const named = questionsIn(rule.when);
    if (named.includes(id)) for (const other of named) if (other !== id) partners.add(other);
  }
  return [...partners];
}

const considered = new WeakMap<Protocol, Map<QuestionId, Question[]>>();

/** What asking `id` is weighed with: the questions it unlocks and those a rule names with it, in protocol order. */
function weighedWith(protocol: Protocol, id: QuestionId): Question[] {
  let byQuestion = considered.get(protocol);
  if (!byQuestion) considered.set(protocol, (byQuestion = new Map()));
  let list = byQuestion.get(id);
  if (!list) {
    const ids = new Set<QuestionId>([...followUpsOf(protocol, id).map((q) => q.id), ...partnersOf(protocol, id)]);
    list = protocol.questions.filter((q) => ids.has(q.id));
    byQuestion.set(id, list);
  }
  return list;
}

/**
 * Whether some answer to `q`, with the follow-ups it unlocks and the questions a rule names with it, makes the outcome
 * more serious: with a benign fall told and a recent operation, "did it start with an injury?" is asked, since an injury
 * at 55 or over is urgent.
 */
export function couldRaise(protocol: Protocol, state: CheckState, q: Question): boolean {
  const target = levelRank(evaluate(protocol, state.answers, state.unclear, state).level);
  if (target === 0) return false;
  const followUps = weighedWith(protocol, q.id);
  for (const value of possibleAnswers(q)) {
    const fragment = answerFragment(q.id, value);
    if (!fragment) continue;
    if (bestRank(protocol, state, withAnswer(state.answers, fragment), followUps, target) < target) return true;
  }
  return false;
}

/**
 * "Gone" ends the check, unless a warning sign or an injury was told with it ("it's gone, but now my calf is swollen",
 * "it's gone, but I fell on it yesterday"): then the questions that could make it more serious are asked.
 */
function endedByAnswer(protocol: Protocol, answers: Answers): boolean {
  if ((answers.red_flags ?? []).some((code) => code !== 'none') || answers.injury === 'yes') return false;
  return protocol.questions.some((q) => q.kind !== 'multi' && q.options.some((o) => o.endsCheck && answers[q.id] === o.code));
}

/**
 * The next question in protocol order that could still make the outcome more serious (or is
 * marked to be always asked), or the outcome when none is left. An emergency, or an answer
 * such as "gone", ends the check at once.
 */
export function nextStep(protocol: Protocol, state: CheckState): Step {
  const now = evaluate(protocol, state.answers, state.unclear, state);
  const outcome: Step = { kind: 'outcome', level: now.level, reasons: now.reasons, protocol: protocol.version };
  if (levelRank(now.level) === 0 || endedByAnswer(protocol, state.answers)) return outcome;
  for (const q of protocol.questions) {
    if (state.unclear.includes(q.id) || !applies(q, state, protocol)) continue;
    const known = state.answers[q.id] !== undefined;
    if (known && !(q.askEvenIfVolunteered && !(state.replied ?? []).includes(q.id))) continue;
    if ((q.askAlways && !known) || couldRaise(protocol, state, q)) return { kind: 'question', id: q.id, attempt: (state.asks[q.id] ?? 0) + 1 };
  }
  return outcome;
}
