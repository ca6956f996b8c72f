/** Activity types the bot takes; anything else is refused with 400 before a turn runs. */
export const ACCEPTED_ACTIVITY_TYPES = new Set([
  'message', 'conversationUpdate', 'event', 'invoke', 'messageReaction', 'installationUpdate', 'typing',
  'endOfConversation', 'contactRelationUpdate', 'messageUpdate', 'messageDelete',
]);

export type InputProblem = 'not_an_object' | 'missing_type' | 'unknown_type' | 'bad_field';

export interface ValidatedActivity {
  type: string;
  [key: string]: unknown;
}

const OBJECT_FIELDS = ['from', 'recipient', 'conversation', 'channelData'] as const;
const STRING_FIELDS = ['id', 'channelId', 'serviceUrl', 'text', 'locale', 'deliveryMode', 'replyToId'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the shape of an incoming activity, so malformed input gets a clear 400 instead of a crash. */
export function validateActivity(body: unknown): { activity: ValidatedActivity } | { problem: InputProblem; field?: string } {
  if (!isRecord(body)) return { problem: 'not_an_object' };
  const type = body.type;
  if (typeof type !== 'string' || !type) return { problem: 'missing_type' };
  if (!ACCEPTED_ACTIVITY_TYPES.has(type)) return { problem: 'unknown_type' };
  for (const field of OBJECT_FIELDS) if (body[field] !== undefined && !isRecord(body[field])) return { problem: 'bad_field', field };
  for (const field of STRING_FIELDS) if (body[field] !== undefined && typeof body[field] !== 'string') return { problem: 'bad_field', field };
  for (const field of ['attachments', 'entities', 'membersAdded', 'membersRemoved'] as const) {
    const list = body[field];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every(isRecord)) return { problem: 'bad_field', field };
  }
  const conversation = isRecord(body.conversation) ? body.conversation : undefined;
  if (!conversation || typeof conversation.id !== 'string' || !conversation.id) return { problem: 'bad_field', field: 'conversation' };
  const from = isRecord(body.from) ? body.from : undefined;
  if (!from || typeof from.id !== 'string' || !from.id) return { problem: 'bad_field', field: 'from' };
  if (typeof body.serviceUrl !== 'string') return { problem: 'bad_field', field: 'serviceUrl' };
  return { activity: { ...body, type } };
}
