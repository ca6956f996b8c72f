import { CREATE_ONLY_ETAG, type KeyValueStore } from '../storage/state-store';
import type { ConversationData } from '../dialogs/router';

export interface StoredConversation {
  data: ConversationData;
  /** Recent activity ids, so a redelivered message is not handled twice. */
  seen: string[];
  welcomed: boolean;
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
    return { data, seen, welcomed: item.welcomed === true, eTag: item.eTag };
  }

  /** Throws EtagConflictError when another turn saved the conversation since it was loaded. */
  async save(key: string, conversation: StoredConversation): Promise<void> {
    const seen = conversation.seen.slice(-SEEN_LIMIT);
    await this.store.write({ [key]: { data: conversation.data, seen, welcomed: conversation.welcomed, eTag: conversation.eTag ?? CREATE_ONLY_ETAG } });
  }

  async delete(key: string): Promise<void> {
    await this.store.delete([key]);
  }
}

function isObject(value: unknown): value is ConversationData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
