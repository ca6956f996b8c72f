// The clinical core of the triage check: pure functions, no Bot Framework.
export * from './ids';
export type { Answers, AnswerValue } from './answers';
export { withAnswer, answerFragment } from './answers';
export type { Condition } from './conditions';
export type { ParseContext } from './calendar';
export { loadProtocol, parseProtocol, questionById } from './protocol';
export type { Protocol, Question, QuestionOption, QuestionKind, Rule, OutcomeText, Messages } from './protocol';
export { evaluate, nextStep } from './rules';
export type { CheckState, Evaluation, Step } from './rules';
export { interpretAnswer, extractVolunteered, declinesToAnswer, asksWhatItMeans } from './parse';
export type { Interpretation } from './parse';
export { detectEmergency, detectCrisis, screen, screenMessage, toldBeenSeen, toldGettingHelp, toldGettingHelpNow } from './safety';
export type { SafetyConcern } from './safety';
export { startSession, answerTurn, answerWithCode, addedOptionAnswers, correctedAnswers, currentStep, stepBack } from './session';
export type { TriageState, TurnResult } from './session';
export { outcomeWords, emergencyMessageOutcome } from './outcome-text';
export type { OutcomeWords } from './outcome-text';
export { asksAboutOwnSign } from './hypothetical';
