// The fixed ids of the triage protocol (triage-protocol.md): they appear on the wire.

export const LEVELS = ['emergency', 'urgent', 'doctor', 'book', 'self-care'] as const;
/** Outcome levels, most serious first. */
export type Level = (typeof LEVELS)[number];

export const QUESTION_IDS = [
  'returning_status',
  'injury',
  'weight_bearing',
  'rapid_swelling',
  'red_flags',
  'age',
  'duration',
  'trend',
  'location',
  'severity',
  'recurrent',
  'aggravators',
] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];

export const RETURNING_STATUSES = ['gone', 'better', 'same', 'worse'] as const;
export type ReturningStatus = (typeof RETURNING_STATUSES)[number];

export const RED_FLAGS = [
  'deformity',
  'fever_hot_swollen',
  'hot_swollen',
  'swollen',
  'calf_swelling',
  'breathless',
  'cold_pale_foot',
  'tingling',
  'cannot_walk',
  'locked',
  'giving_way',
  'night_pain_weight_loss',
  'recent_surgery',
  'none',
] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

export const AGE_BANDS = ['child', 'adult', 'older'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const DURATION_BANDS = ['lt1w', '1to2w', '2to6w', 'gt6w'] as const;
export type DurationBand = (typeof DURATION_BANDS)[number];

export const TRENDS = ['better', 'same', 'worse'] as const;
export type Trend = (typeof TRENDS)[number];

export const LOCATIONS = ['front', 'inner', 'outer', 'back', 'whole', 'unsure'] as const;
export type Location = (typeof LOCATIONS)[number];

export const AGGRAVATORS = ['running', 'stairs', 'squatting', 'sitting', 'walking', 'none'] as const;
export type Aggravator = (typeof AGGRAVATORS)[number];

export const REASON_IDS = [
  'deformity',
  'possible_joint_infection',
  'possible_clot_in_lung',
  'circulation_or_nerve',
  'cannot_bear_weight',
  'injury_over_55',
  'rapid_swelling_after_injury',
  'hot_swollen_knee',
  'possible_clot',
  'locked_knee',
  'unclear_safety_answer',
  'night_pain_or_weight_loss',
  'recent_surgery',
  'injury',
  'child',
  'giving_way',
  'swelling',
  'nerve_symptoms',
  'returning',
  'persistent',
  'worsening',
  'atypical_location',
  'severe',
  'recurrent',
  'daily_activities',
  'unclear_answers',
  'resolved',
  'mild_recent',
  'emergency_message',
] as const;
export type ReasonId = (typeof REASON_IDS)[number];

/** The answer codes each coded question must offer, exactly (severity is a number). */
export const QUESTION_CODES: Readonly<Record<QuestionId, readonly string[]>> = {
  returning_status: RETURNING_STATUSES,
  injury: YES_NO,
  weight_bearing: YES_NO,
  rapid_swelling: YES_NO,
  red_flags: RED_FLAGS,
  age: AGE_BANDS,
  duration: DURATION_BANDS,
  trend: TRENDS,
  location: LOCATIONS,
  severity: [],
  recurrent: YES_NO,
  aggravators: AGGRAVATORS,
};

/** Builds a type guard for one of the id lists above. */
export function isOneOf<T extends string>(values: readonly T[]): (x: unknown) => x is T {
  const known: ReadonlySet<unknown> = new Set<unknown>(values);
  return (x: unknown): x is T => known.has(x);
}

export const isLevel = isOneOf(LEVELS);
export const isQuestionId = isOneOf(QUESTION_IDS);
export const isReasonId = isOneOf(REASON_IDS);
export const isYesNo = isOneOf(YES_NO);
export const isReturningStatus = isOneOf(RETURNING_STATUSES);
export const isRedFlag = isOneOf(RED_FLAGS);
export const isAgeBand = isOneOf(AGE_BANDS);
export const isDurationBand = isOneOf(DURATION_BANDS);
export const isTrend = isOneOf(TRENDS);
export const isLocation = isOneOf(LOCATIONS);
export const isAggravator = isOneOf(AGGRAVATORS);

/** 0 for emergency, growing as the level gets less serious. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function moreSerious(a: Level, b: Level): boolean {
  return levelRank(a) < levelRank(b);
}
