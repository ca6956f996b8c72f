import type { TriageState } from '../triage';
import type { Reply } from './replies';
import type { TurnInput } from './router';

/** The symptom check's part of the conversation data; plain JSON. */
export interface TriageData {
  session: TriageState;
}

/** The symptom check as the router sees it: safety screening, start, answers, re-asks, stop. */
export interface TriageFlow {
  /**
   * Crisis resources or the emergency answer for a message that needs them, before anything else: `final` replies are
   * the whole turn; others (crisis talk only the model reads) go first and the turn goes on.
   */
  checkSafety(data: { triage?: TriageData }, text: string, input: TurnInput): Promise<{ replies: Reply[]; final: boolean } | undefined>;
  active(data: { triage?: TriageData }): boolean;
  start(data: { triage?: TriageData }, input: TurnInput, openingText: string | undefined): Promise<Reply[]>;
  /** The replies for an answer to the pending question, or undefined when the message is not an answer. */
  answer(data: { triage?: TriageData }, textOrCode: string, input: TurnInput): Promise<Reply[] | undefined>;
  /** Counts an answer that was not understood, and asks again or moves on as the protocol says. */
  unclear(data: { triage?: TriageData }, text: string, input: TurnInput): Promise<Reply[]>;
  reask(data: { triage?: TriageData }, input: TurnInput): Reply[];
  stop(data: { triage?: TriageData }): void;
}
