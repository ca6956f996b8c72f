import type { WireActivity } from './activities';

/** Activities after a watermark, and the watermark to ask from next time. */
export interface ActivitySet {
  activities: WireActivity[];
  watermark: number;
}

/**
 * Where Direct Line conversations live: in memory for one process (and unit tests), or in the
 * database (sqlStore.ts) so that every instance can serve every conversation.
 */
export interface ConversationStore {
  /** Creates the conversation; false when it already exists (the page reconnected). */
  start(conversationId: string, userId: string): Promise<boolean>;
  /** The conversation's user, or undefined when it is unknown or has been forgotten. */
  userOf(conversationId: string): Promise<string | undefined>;
  /** Stores activities in order, giving each the next sequential id; returns them as stored. */
  append(conversationId: string, activities: readonly WireActivity[]): Promise<WireActivity[]>;
  /** Activities after the watermark (all when it is 0), or undefined when the conversation is unknown. */
  since(conversationId: string, watermark: number): Promise<ActivitySet | undefined>;
  /** Deletes the activities stored before this one ("delete my data"); ids and watermarks carry on. */
  forgetBefore(conversationId: string, activityId: string): Promise<void>;
}

/** The sequence number an activity id ends with, or undefined for an id this store did not give. */
export function sequenceOf(conversationId: string, id: string): number | undefined {
  const match = /^\|(\d{7,})$/.exec(id.slice(conversationId.length));
  return id.startsWith(conversationId) && match ? Number(match[1]) : undefined;
}

/** An activity's id: the conversation and its sequence number, which is also the watermark. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

export interface MemoryStoreLimits {
  /** Most conversations kept; the least recently used is forgotten first. */
  maxConversations: number;
  /** A conversation untouched this long is forgotten. */
  idleMs: number;
  /** Most activities kept per conversation; the oldest go first. */
  maxActivities: number;
}

export const MEMORY_STORE_DEFAULTS: Readonly<MemoryStoreLimits> = Object.freeze({
  maxConversations: 2000,
  idleMs: 2 * 60 * 60 * 1000,
  maxActivities: 500,
});

interface MemoryConversation {
  userId: string;
  activities: WireActivity[];
  /** Sequence number of the newest activity; also the watermark. */
  last: number;
  touched: number;
}

/** A bounded in-memory store: a Map kept in least-recently-used order. */
export class MemoryConversationStore implements ConversationStore {
  private readonly conversations = new Map<string, MemoryConversation>();
  private readonly limits: MemoryStoreLimits;

  constructor(private readonly now: () => number, limits: Partial<MemoryStoreLimits> = {}) {
    this.limits = { ...MEMORY_STORE_DEFAULTS, ...limits };
  }

  get size(): number {
    return this.conversations.size;
  }

  async start(conversationId: string, userId: string): Promise<boolean> {
    if (this.touch(conversationId)) return false;
    this.conversations.set(conversationId, { userId, activities: [], last: 0, touched: this.now() });
    this.evict();
    return true;
  }

  async userOf(conversationId: string): Promise<string | undefined> {
    return this.touch(conversationId)?.userId;
  }

  async append(conversationId: string, activities: readonly WireActivity[]): Promise<WireActivity[]> {
    const conversation = this.touch(conversationId);
    if (!conversation) return [];
    const stored = activities.map((activity) => {
      conversation.last += 1;
      return { ...activity, id: activityId(conversationId, conversation.last) };
    });
    conversation.activities.push(...stored);
    const excess = conversation.activities.length - this.limits.maxActivities;
    if (excess > 0) conversation.activities.splice(0, excess);
    return stored;
  }

  async since(conversationId: string, watermark: number): Promise<ActivitySet | undefined> {
    const conversation = this.touch(conversationId);
    if (!conversation) return undefined;
    // Ids end with the sequence number, so the ones after the watermark are a suffix.
    const first = conversation.last - conversation.activities.length + 1;
    return { activities: conversation.activities.slice(Math.max(0, watermark - first + 1)), watermark: conversation.last };
  }

  async forgetBefore(conversationId: string, activityId: string): Promise<void> {
    const conversation = this.conversations.get(conversationId);
    const seq = sequenceOf(conversationId, activityId);
    if (!conversation || seq === undefined) return;
    const first = conversation.last - conversation.activities.length + 1;
    conversation.activities.splice(0, Math.max(0, Math.min(conversation.activities.length, seq - first)));
  }

  /** Finds a live conversation and marks it most recently used; forgets it if it sat idle too long. */
  private touch(conversationId: string): MemoryConversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return undefined;
    this.conversations.delete(conversationId);
    if (this.now() - conversation.touched > this.limits.idleMs) return undefined;
    conversation.touched = this.now();
    this.conversations.set(conversationId, conversation);
    return conversation;
  }

  private evict(): void {
    for (const [id, conversation] of this.conversations) {
      const over = this.conversations.size > this.limits.maxConversations;
      if (!over && this.now() - conversation.touched <= this.limits.idleMs) break;
      this.conversations.delete(id);
    }
  }
}
