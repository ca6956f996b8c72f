import { answerFragment, mergeAnswers, type Answers } from '../triage/answers';
import { QUESTION_IDS, isLevel, isReasonId, type Level, type ReasonId } from '../triage/ids';

/** The last symptom check outcome, handed to a call-back request and shown to staff. */
export interface TriageSummary {
  level: Level;
  reasons: ReasonId[];
  answers: Answers;
  /** The protocol version the outcome came from. */
  protocol: string;
}

/** A summary read back from stored JSON; anything malformed is dropped rather than trusted. */
export function readSummary(value: unknown): TriageSummary | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const level: unknown = Reflect.get(value, 'level');
  const reasons: unknown = Reflect.get(value, 'reasons');
  const protocol: unknown = Reflect.get(value, 'protocol');
  const rawAnswers: unknown = Reflect.get(value, 'answers');
  if (!isLevel(level) || typeof protocol !== 'string' || !Array.isArray(reasons)) return undefined;
  let answers: Answers = {};
  if (typeof rawAnswers === 'object' && rawAnswers !== null) {
    for (const id of QUESTION_IDS) {
      const answer: unknown = Reflect.get(rawAnswers, id);
      const fragment = isAnswerValue(answer) ? answerFragment(id, answer) : null;
      if (fragment) answers = mergeAnswers(answers, fragment);
    }
  }
  return { level, reasons: reasons.filter(isReasonId), answers, protocol };
}

function isAnswerValue(value: unknown): value is string | number | string[] {
  return typeof value === 'string' || typeof value === 'number' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}
