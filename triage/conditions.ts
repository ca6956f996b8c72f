import { Answers } from './answers';
import { isQuestionId, QuestionId } from './ids';

/** A rule or `askWhen` condition, as a clinician writes it in the protocol JSON. */
export type Condition =
  | { eq: [QuestionId, string | number] }
  | { in: [QuestionId, string[]] }
  | { has: [QuestionId, string] }
  | { gte: [QuestionId, number] }
  | { lte: [QuestionId, number] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { unclear: 'safety' | 'other' }
  | { context: 'returning' }
  | { otherwise: true };

/** What a condition is evaluated against. */
export interface ConditionInput {
  answers: Answers;
  unclear: readonly QuestionId[];
  safetyQuestions: readonly QuestionId[];
  returning: boolean;
}

/** Answers that are not known (or unclear) match nothing. */
export function holds(cond: Condition, input: ConditionInput): boolean {
  if ('eq' in cond) return input.answers[cond.eq[0]] === cond.eq[1];
  if ('in' in cond) {
    const v = input.answers[cond.in[0]];
    return typeof v === 'string' && cond.in[1].includes(v);
  }
  if ('has' in cond) {
    const v = input.answers[cond.has[0]];
    return Array.isArray(v) && v.some((code) => code === cond.has[1]);
  }
  if ('gte' in cond) {
    const v = input.answers[cond.gte[0]];
    return typeof v === 'number' && v >= cond.gte[1];
  }
  if ('lte' in cond) {
    const v = input.answers[cond.lte[0]];
    return typeof v === 'number' && v <= cond.lte[1];
  }
  if ('all' in cond) return cond.all.every((c) => holds(c, input));
  if ('any' in cond) return cond.any.some((c) => holds(c, input));
  if ('unclear' in cond) {
    const wantSafety = cond.unclear === 'safety';
    return input.unclear.some((id) => input.safetyQuestions.includes(id) === wantSafety);
  }
  if ('context' in cond) return input.returning;
  return false; // `otherwise` is decided by the rule table, not here
}

/** The question ids a condition reads. */
export function questionsIn(cond: Condition): QuestionId[] {
  if ('eq' in cond) return [cond.eq[0]];
  if ('in' in cond) return [cond.in[0]];
  if ('has' in cond) return [cond.has[0]];
  if ('gte' in cond) return [cond.gte[0]];
  if ('lte' in cond) return [cond.lte[0]];
  if ('all' in cond) return cond.all.flatMap(questionsIn);
  if ('any' in cond) return cond.any.flatMap(questionsIn);
  return [];
}

/** What the validator needs to know about each question. */
export interface QuestionShape {
  kind: 'yesno' | 'single' | 'multi' | 'number';
  codes: readonly string[];
}

export type ConditionFail = (path: string, message: string) => never;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Checks a condition written as JSON and returns it typed; `fail` throws with the path.
 * `allowOtherwise` is true only at the top of a rule.
 */
export function parseCondition(
  raw: unknown,
  path: string,
  shapes: ReadonlyMap<QuestionId, QuestionShape>,
  fail: ConditionFail,
  allowOtherwise: boolean,
): Condition {
  if (!isRecord(raw)) return fail(path, 'a condition must be an object such as {"eq": ["injury", "yes"]}');
  const keys = Object.keys(raw);
  if (keys.length !== 1) return fail(path, `a condition has exactly one operator, found ${JSON.stringify(keys)}`);
  const op = keys[0];
  const arg = raw[op];
  const here = `${path}.${op}`;

  const question = (x: unknown, p: string): [QuestionId, QuestionShape] => {
    if (!isQuestionId(x)) return fail(p, `unknown question id ${JSON.stringify(x)}`);
    const shape = shapes.get(x);
    if (!shape) return fail(p, `question "${x}" is not in the questions list`);
    return [x, shape];
  };
  const code = (shape: QuestionShape, id: QuestionId, x: unknown, p: string): string => {
    if (typeof x !== 'string' || !shape.codes.includes(x))
      return fail(p, `unknown answer code ${JSON.stringify(x)} for question "${id}"`);
    return x;
  };
  const pair = (): [unknown, unknown] => {
    if (!Array.isArray(arg) || arg.length !== 2) return fail(here, 'expects [question id, value]');
    return [arg[0], arg[1]];
  };

  switch (op) {
    case 'eq': {
      const [q, v] = pair();
      const [id, shape] = question(q, `${here}[0]`);
      if (shape.kind === 'number') {
        if (typeof v !== 'number') return fail(`${here}[1]`, `question "${id}" takes a number`);
        return { eq: [id, v] };
      }
      if (shape.kind === 'multi') return fail(here, `question "${id}" takes several codes: use "has"`);
      return { eq: [id, code(shape, id, v, `${here}[1]`)] };
    }
    case 'in': {
      const [q, v] = pair();
      const [id, shape] = question(q, `${here}[0]`);
      if (shape.kind === 'multi' || shape.kind === 'number')
        return fail(here, `"in" needs a single-choice question, not "${id}"`);
      if (!Array.isArray(v) || v.length === 0) return fail(`${here}[1]`, 'expects a non-empty list of codes');
      return { in: [id, v.map((c: unknown, i: number) => code(shape, id, c, `${here}[1][${i}]`))] };
    }
    case 'has': {
      const [q, v] = pair();
      const [id, shape] = question(q, `${here}[0]`);
      if (shape.kind !== 'multi') return fail(here, `"has" needs a several-choice question, not "${id}"`);
      return { has: [id, code(shape, id, v, `${here}[1]`)] };
    }
    case 'gte':
    case 'lte': {
      const [q, v] = pair();
      const [id, shape] = question(q, `${here}[0]`);
      if (shape.kind !== 'number') return fail(here, `"${op}" needs a number question, not "${id}"`);
      if (typeof v !== 'number') return fail(`${here}[1]`, 'expects a number');
      return op === 'gte' ? { gte: [id, v] } : { lte: [id, v] };
    }
    case 'all':
    case 'any': {
      if (!Array.isArray(arg) || arg.length === 0) return fail(here, 'expects a non-empty list of conditions');
      const parts = arg.map((c: unknown, i: number) => parseCondition(c, `${here}[${i}]`, shapes, fail, false));
      return op === 'all' ? { all: parts } : { any: parts };
    }
    case 'unclear':
      if (arg !== 'safety' && arg !== 'other') return fail(here, 'expects "safety" or "other"');
      return { unclear: arg };
    case 'context':
      if (arg !== 'returning') return fail(here, 'expects "returning"');
      return { context: arg };
    case 'otherwise':
      if (arg !== true) return fail(here, 'expects true');
      if (!allowOtherwise) return fail(here, '"otherwise" can only be a whole rule condition');
      return { otherwise: true };
    default:
      return fail(path, `unknown operator "${op}"`);
  }
}
