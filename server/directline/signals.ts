import type { DatabaseNotifications } from '../../storage';
import type { Logger } from '../logger';
import { errorFields } from '../logger';

/** How streams learn that their conversation has new activities, whichever instance stored them. */
export interface ActivitySignals {
  /** Called once activities are stored: wakes the conversation's listeners on every instance. */
  announce(conversationId: string): void;
  /** Calls the listener after each announcement for the conversation, and whenever everything must be re-read; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: () => void): () => void;
  /** Stops hearing other instances; idempotent. */
  close(): Promise<void>;
}

/** One process (memory or SQLite): listeners are called directly. */
export class LocalSignals implements ActivitySignals {
  private readonly listeners = new Map<string, Set<() => void>>();

  announce(conversationId: string): void {
    this.wake(conversationId);
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    const set = this.listeners.get(conversationId) ?? new Set();
    set.add(listener);
    this.listeners.set(conversationId, set);
    return () => {
      set.delete(listener);
      if (!set.size && this.listeners.get(conversationId) === set) this.listeners.delete(conversationId);
    };
  }

  /** True when some stream of this process follows the conversation. */
  has(conversationId: string): boolean {
    return this.listeners.has(conversationId);
  }

  wake(conversationId: string): void {
    for (const listener of [...(this.listeners.get(conversationId) ?? [])]) listener();
  }

  wakeAll(): void {
    for (const conversationId of [...this.listeners.keys()]) this.wake(conversationId);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

export const DIRECT_LINE_CHANNEL = 'directline';

/** Own announcements not yet heard back, beyond which the count is dropped (costing a spare re-read, no more). */
const MAX_PENDING_ECHOES = 10_000;

/**
 * Many instances on one PostgreSQL database: an announcement wakes this process's streams at once
 * and NOTIFYs the others with the conversation id (random, nothing personal). After the listening
 * connection comes back, every stream re-reads, since notifications sent meanwhile are lost.
 */
export function sharedSignals(notifications: DatabaseNotifications, log: Logger): ActivitySignals {
  const local = new LocalSignals();
  // Our own NOTIFY comes back to us too; the streams here have already been woken for it.
  const echoes = new Map<string, number>();
  const heardBack = (conversationId: string): boolean => {
    const pending = echoes.get(conversationId) ?? 0;
    if (pending <= 1) echoes.delete(conversationId);
    else echoes.set(conversationId, pending - 1);
    return pending > 0;
  };
  const stopListening = notifications.listen(DIRECT_LINE_CHANNEL, {
    message: (conversationId) => {
      // Skipping someone else's notification in place of ours is safe: ours arrives later and wakes the streams then.
      if (!heardBack(conversationId)) local.wake(conversationId);
    },
    resync: () => {
      echoes.clear();
      local.wakeAll();
    },
  });
  return {
    announce: (conversationId) => {
      local.wake(conversationId);
      const followed = local.has(conversationId);
      if (followed) {
        if (echoes.size >= MAX_PENDING_ECHOES) echoes.clear();
        echoes.set(conversationId, (echoes.get(conversationId) ?? 0) + 1);
      }
      notifications.notify(DIRECT_LINE_CHANNEL, conversationId).catch((error: unknown) => {
        if (followed) heardBack(conversationId);
        log.warn({ event: 'directline_notify_failed', ...errorFields(error) }, 'other instances were not told about new Direct Line activities');
      });
    },
    subscribe: (conversationId, listener) => local.subscribe(conversationId, listener),
    close: async () => {
      stopListening();
      await local.close();
    },
  };
}
