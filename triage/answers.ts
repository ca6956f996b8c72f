import {
  Aggravator,
  AgeBand,
  DurationBand,
  isAgeBand,
  isAggravator,
  isDurationBand,
  isLocation,
  isRedFlag,
  isReturningStatus,
  isTrend,
  isYesNo,
  Location,
  QuestionId,
  QUESTION_IDS,
  RedFlag,
  ReturningStatus,
  Trend,
  YesNo,
} from './ids';

/** Everything a person can tell the check; a missing key means "not known". */
export interface Answers {
  returning_status?: ReturningStatus;
  injury?: YesNo;
  weight_bearing?: YesNo;
  rapid_swelling?: YesNo;
  red_flags?: RedFlag[];
  age?: AgeBand;
  duration?: DurationBand;
  trend?: Trend;
  location?: Location;
  severity?: number;
  recurrent?: YesNo;
  aggravators?: Aggravator[];
}

/** The raw shape of one answer: a code, a number, or several codes. */
export type AnswerValue = string | number | readonly string[];

export function answerOf(answers: Answers, id: QuestionId): AnswerValue | undefined {
  return answers[id];
}

function codeList<T extends string>(value: AnswerValue, guard: (x: unknown) => x is T): T[] | null {
  const list = typeof value === 'string' ? [value] : typeof value === 'number' ? null : value;
  if (list === null || list.length === 0) return null;
  const out: T[] = [];
  for (const code of list) {
    if (!guard(code)) return null;
    if (!out.includes(code)) out.push(code);
  }
  // "none" alone means none; with other codes it is noise.
  const real = out.filter((c) => c !== 'none');
  return real.length > 0 ? real : out;
}

function single<T extends string>(value: AnswerValue, guard: (x: unknown) => x is T): T | null {
  return typeof value === 'string' && guard(value) ? value : null;
}

/** One question's answer as a typed fragment, or null when the value is not valid for it. */
export function answerFragment(id: QuestionId, value: AnswerValue): Answers | null {
  switch (id) {
    case 'returning_status': {
      const v = single(value, isReturningStatus);
      return v === null ? null : { returning_status: v };
    }
    case 'injury':
    case 'weight_bearing':
    case 'rapid_swelling':
    case 'recurrent': {
      const v = single(value, isYesNo);
      if (v === null) return null;
      if (id === 'injury') return { injury: v };
      if (id === 'weight_bearing') return { weight_bearing: v };
      if (id === 'rapid_swelling') return { rapid_swelling: v };
      return { recurrent: v };
    }
    case 'red_flags': {
      const v = codeList(value, isRedFlag);
      return v === null ? null : { red_flags: v };
    }
    case 'age': {
      const v = single(value, isAgeBand);
      return v === null ? null : { age: v };
    }
    case 'duration': {
      const v = single(value, isDurationBand);
      return v === null ? null : { duration: v };
    }
    case 'trend': {
      const v = single(value, isTrend);
      return v === null ? null : { trend: v };
    }
    case 'location': {
      const v = single(value, isLocation);
      return v === null ? null : { location: v };
    }
    case 'severity':
      return typeof value === 'number' && Number.isInteger(value) ? { severity: value } : null;
    case 'aggravators': {
      const v = codeList(value, isAggravator);
      return v === null ? null : { aggravators: v };
    }
  }
}

function unionCodes<T extends string>(a: readonly T[] | undefined, b: readonly T[]): T[] {
  const all: T[] = [...(a ?? [])];
  for (const code of b) if (!all.includes(code)) all.push(code);
  const real = all.filter((c) => c !== 'none');
  return real.length > 0 ? real : all;
}

/**
 * Adds `incoming` to `base`. Known single answers are kept (a later aside does not
 * overwrite what was answered); several-code answers are joined, so a warning sign
 * told once is never lost.
 */
export function mergeAnswers(base: Answers, incoming: Answers): Answers {
  const out: Answers = { ...base };
  for (const id of QUESTION_IDS) {
    const value = incoming[id];
    if (value === undefined) continue;
    if (id === 'red_flags' && incoming.red_flags) out.red_flags = unionCodes(base.red_flags, incoming.red_flags);
    else if (id === 'aggravators' && incoming.aggravators)
      out.aggravators = unionCodes(base.aggravators, incoming.aggravators);
    else if (base[id] === undefined) Object.assign(out, answerFragment(id, value));
  }
  return out;
}

/** Sets one answer, replacing (single) or joining (several codes) what is there. */
export function withAnswer(base: Answers, fragment: Answers): Answers {
  const out: Answers = { ...base };
  for (const id of QUESTION_IDS) {
    const value = fragment[id];
    if (value === undefined) continue;
    if (id === 'red_flags' && fragment.red_flags) out.red_flags = unionCodes(base.red_flags, fragment.red_flags);
    else if (id === 'aggravators' && fragment.aggravators)
      out.aggravators = unionCodes(base.aggravators, fragment.aggravators);
    else Object.assign(out, answerFragment(id, value));
  }
  return out;
}
