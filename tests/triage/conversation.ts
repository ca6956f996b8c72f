import { QuestionId, ReasonId, Level } from '../../triage/ids';
import { Protocol } from '../../triage/protocol';
import { answerTurn, startSession, TriageState } from '../../triage/session';
import { CTX } from './helpers';

/** A reply per question; a list gives the replies to successive asks of the same question. */
export type Replies = Partial<Record<QuestionId, string | string[]>>;

export interface ConversationResult {
  asked: QuestionId[];
  level: Level;
  reasons: ReasonId[];
  state: TriageState;
}

/** Runs a whole check, replying from `replies`; throws if a question has no reply. */
export function converse(p: Protocol, opening: string | undefined, returning: boolean, replies: Replies): ConversationResult {
  let { state, step } = startSession(p, { returning, openingText: opening, ctx: CTX });
  const asked: QuestionId[] = [];
  for (let turn = 0; step.kind === 'question'; turn++) {
    if (turn > 30) throw new Error('the check did not end');
    asked.push(step.id);
    const reply = replies[step.id];
    const text = Array.isArray(reply) ? reply[Math.min(step.attempt, reply.length) - 1] : reply;
    if (text === undefined) throw new Error(`asked "${step.id}" (attempt ${step.attempt}) but there is no reply for it; asked so far: ${asked.join(', ')}`);
    ({ state, step } = answerTurn(p, state, text, CTX));
  }
  return { asked, level: step.level, reasons: step.reasons, state };
}
