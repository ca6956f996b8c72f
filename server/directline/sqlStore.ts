import type { SqlClient } from '../../storage';
import { isRecord, type WireActivity } from './activities';
import { activityId, sequenceOf, type ActivitySet, type ConversationStore } from './store';

export interface SqlStoreLimits {
  /** A conversation untouched this long (ms) is forgotten; the retention job deletes its rows. */
  idleMs: number;
  /** Most activities kept per conversation; the oldest are deleted as new ones are stored. */
  maxActivities: number;
  /** Reading marks a conversation as used at most this often (ms), so that reads seldom write. */
  touchEveryMs: number;
}

export const SQL_STORE_DEFAULTS: Readonly<SqlStoreLimits> = Object.freeze({
  idleMs: 2 * 60 * 60 * 1000,
  maxActivities: 500,
  touchEveryMs: 60_000,
});

interface ConversationRow {
  user_id: string;
  last_seq: number | string;
  touched_at: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Direct Line conversations in the bot's database, so that any instance can serve any of them and
 * they outlive a restart. The conversation row counts the sequence; appending bumps it with one
 * atomic UPDATE, whose row lock makes a second instance appending at once wait and number after it.
 */
export class SqlConversationStore implements ConversationStore {
  private readonly limits: SqlStoreLimits;

  constructor(private readonly sql: SqlClient, private readonly now: () => number, limits: Partial<SqlStoreLimits> = {}) {
    this.limits = { ...SQL_STORE_DEFAULTS, ...limits };
  }

  async start(conversationId: string, userId: string): Promise<boolean> {
    const now = this.now();
    return this.sql.transaction(async (tx) => {
      // SQLite's transactions hold the whole database already; PostgreSQL locks just this row.
      const lock = tx.engine === 'postgres' ? ' FOR UPDATE' : '';
      const [row] = await tx.query<ConversationRow>(`SELECT user_id, last_seq, touched_at FROM directline_conversations WHERE conversation_id = $1${lock}`, [conversationId]);
      if (row && this.live(row, now)) {
        await tx.run('UPDATE directline_conversations SET touched_at = $2 WHERE conversation_id = $1', [conversationId, iso(now)]);
        return false;
      }
      if (row) {
        // Idle too long, so already forgotten: a new conversation under the same id, as in memory.
        await tx.run('DELETE FROM directline_activities WHERE conversation_id = $1', [conversationId]);
        await tx.run('UPDATE directline_conversations SET user_id = $2, last_seq = 0, touched_at = $3 WHERE conversation_id = $1', [conversationId, userId, iso(now)]);
        return true;
      }
      // Two instances starting it at once: the second waits on the key and inserts nothing.
      const { changes } = await tx.run(
        'INSERT INTO directline_conversations (conversation_id, user_id, last_seq, touched_at) VALUES ($1, $2, 0, $3) ON CONFLICT (conversation_id) DO NOTHING',
        [conversationId, userId, iso(now)],
      );
      return changes === 1;
    });
  }

  async userOf(conversationId: string): Promise<string | undefined> {
    return (await this.find(conversationId))?.user_id;
  }

  async append(conversationId: string, activities: readonly WireActivity[]): Promise<WireActivity[]> {
    if (!activities.length) return [];
    const now = this.now();
    return this.sql.transaction(async (tx) => {
      const [row] = await tx.query<Pick<ConversationRow, 'last_seq'>>(
        'UPDATE directline_conversations SET last_seq = last_seq + $2, touched_at = $3 WHERE conversation_id = $1 AND touched_at >= $4 RETURNING last_seq',
        [conversationId, activities.length, iso(now), iso(now - this.limits.idleMs)],
      );
      if (!row) return [];
      const last = Number(row.last_seq);
      const first = last - activities.length + 1;
      const stored = activities.map((activity, index) => ({ ...activity, id: activityId(conversationId, first + index) }));
      for (const [index, activity] of stored.entries()) {
        await tx.run('INSERT INTO directline_activities (conversation_id, seq, body, created_at) VALUES ($1, $2, $3, $4)', [
          conversationId,
          first + index,
          JSON.stringify(activity),
          iso(now),
        ]);
      }
      if (last > this.limits.maxActivities) {
        await tx.run('DELETE FROM directline_activities WHERE conversation_id = $1 AND seq <= $2', [conversationId, last - this.limits.maxActivities]);
      }
      return stored;
    });
  }

  async since(conversationId: string, watermark: number): Promise<ActivitySet | undefined> {
    const conversation = await this.find(conversationId);
    if (!conversation) return undefined;
    const last = Number(conversation.last_seq);
    // Up to the count just read: a turn committing meanwhile is left whole for the next read, never sent twice.
    const rows = await this.sql.query<{ body: string }>(
      'SELECT body FROM directline_activities WHERE conversation_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq',
      [conversationId, watermark, last],
    );
    return { activities: rows.flatMap((row) => parseActivity(row.body)), watermark: last };
  }

  async forgetBefore(conversationId: string, activityId: string): Promise<void> {
    const seq = sequenceOf(conversationId, activityId);
    if (seq === undefined) return;
    await this.sql.run('DELETE FROM directline_activities WHERE conversation_id = $1 AND seq < $2', [conversationId, seq]);
  }

  /** A live conversation, marked as used when it has not been for a while; undefined when unknown or idle too long. */
  private async find(conversationId: string): Promise<ConversationRow | undefined> {
    const now = this.now();
    const [row] = await this.sql.query<ConversationRow>('SELECT user_id, last_seq, touched_at FROM directline_conversations WHERE conversation_id = $1', [conversationId]);
    if (!row || !this.live(row, now)) return undefined;
    if (row.touched_at <= iso(now - this.limits.touchEveryMs)) {
      await this.sql.run('UPDATE directline_conversations SET touched_at = $2 WHERE conversation_id = $1 AND touched_at < $2', [conversationId, iso(now)]);
    }
    return row;
  }

  private live(row: ConversationRow, now: number): boolean {
    // ISO-8601 UTC text sorts as time does.
    return row.touched_at >= iso(now - this.limits.idleMs);
  }
}

function parseActivity(body: string): WireActivity[] {
  const value: unknown = JSON.parse(body);
  return isWireActivity(value) ? [value] : [];
}

function isWireActivity(value: unknown): value is WireActivity {
  return isRecord(value) && typeof value.type === 'string' && (value.id === undefined || typeof value.id === 'string');
}
