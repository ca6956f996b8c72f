/** What the conversation means to say, before any channel shapes it. */
export interface Choice {
  label: string;
  /** What comes back when the person picks it: an answer code, or a command such as "topic:ice". */
  value: string;
}

export type Entity =
  | { type: 'kb.answer'; id: string; score: number }
  | { type: 'kb.suggestions'; ids: string[] }
  | { type: 'kb.noMatch' }
  | { type: 'triage.question'; id: string }
  | { type: 'triage.outcome'; level: string; reasons: string[]; protocol: string }
  | { type: 'safety.crisis' }
  | { type: 'booking.offer' }
  | { type: 'booking.question'; id: 'name' | 'contact' | 'time' | 'consent' }
  | { type: 'booking.requested'; reference: string }
  | { type: 'booking.list'; references: string[] }
  /** The person's data was deleted: a channel that keeps a transcript forgets it too. */
  | { type: 'privacy.deleted' };

export interface Reply {
  text: string;
  /** A heading for rich channels (cards). */
  title?: string;
  /** Longer text rich channels may show after the text. */
  detail?: string;
  choices?: Choice[];
  /** Several choices may be picked at once (sent comma-separated). */
  multi?: boolean;
  /** A bare number typed back is a value, not an option number. */
  numericAnswer?: boolean;
  links?: { label: string; url: string }[];
  entity?: Entity;
  /** Written partly in another language's script: SMS sends it as written, not kept to GSM-7. */
  anyScript?: boolean;
  /** How prominent rich channels should make it. */
  tone?: 'normal' | 'warning' | 'danger';
  /**
   * It holds personal details (a name, a number, a patient's request): the conversation keeps no copy of it for a
   * redelivered message, which gets `keptText` instead, or a line saying the details are not kept.
   */
  personal?: { keptText?: string };
}

/** What a conversation keeps of a reply, to answer a redelivered message the same way: no personal details. */
export function keptCopy(reply: Reply, notKept: string): Reply {
  if (!reply.personal) return reply;
  const { personal, title: _title, detail: _detail, ...rest } = reply;
  return { ...rest, text: personal.keptText ?? notKept };
}

/** Whether the replies ask a question of the check (it goes on), rather than giving its outcome. */
export function asksCheckQuestion(replies: readonly Reply[]): boolean {
  return replies.some((reply) => reply.entity?.type === 'triage.question');
}
