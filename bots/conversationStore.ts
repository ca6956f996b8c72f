import { CREATE_ONLY_ETAG, type KeyValueStore } from '../storage/state-store';
import type { ConversationData } from '../dialogs/router';
import type { Reply } from '../dialogs/replies';

export interface StoredConversation {
  data: ConversationData;
  /** Recent activity ids, so a redelivered message is not handled twice. */
  seen: string[];
  welcomed: boolean;
  /**
   * The last turn's replies when they went back in the HTTP response (expectReplies): a caller that
   * lost that response (a timeout) and sends the same activity again gets them again.
   */
  lastTurn?: { activityId: string; replies: Reply[] };
  eTag?: string;
}

const SEEN_LIMIT = 30;

/** Loads and saves one conversation's data, writing back with the eTag it read. */
export class ConversationStore {
  constructor(private readonly store: KeyValueStore) {}

  key(channelId: string, conversationId: string): string {
    return `conversation/${channelId}/${conversationId}`;
  }

  async load(key: string): Promise<StoredConversation> {
    const items = await this.store.read([key]);
    const item = items[key];
    if (!item) return { data: {}, seen: [], welcomed: false };
    const data = isObject(item.data) ? item.data : {};
    const seen = Array.isArray(item.seen) ? item.seen.filter((s): s is string => typeof s === 'string') : [];
    return { data, seen, welcomed: item.welcomed === true, lastTurn: lastTurnOf(item.lastTurn), eTag: item.eTag };
  }

  /** Throws EtagConflictError when another turn saved the conversation since it was loaded. */
  async save(key: string, conversation: StoredConversation): Promise<void> {
    const seen = conversation.seen.slice(-SEEN_LIMIT);
    await this.store.write({ [key]: { data: conversation.data, seen, welcomed: conversation.welcomed, lastTurn: conversation.lastTurn, eTag: conversation.eTag ?? CREATE_ONLY_ETAG } });
  }

  async delete(key: string): Promise<void> {
    await this.store.delete([key]);
  }
}

/** Replies this store wrote itself; anything else reads as none. */
function lastTurnOf(value: unknown): StoredConversation['lastTurn'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { activityId, replies } = value as { activityId?: unknown; replies?: unknown };
  return typeof activityId === 'string' && Array.isArray(replies) ? { activityId, replies: replies.filter(isObject) as Reply[] } : undefined;
}

function isObject(value: unknown): value is ConversationData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
