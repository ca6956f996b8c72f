import { randomUUID } from 'node:crypto';
import type { SqlClient } from './sql';

/** What a staff destination should do with a request's card: post it, or bring it up to date. */
export type OutboxAction = 'post' | 'update';

export interface OutboxItem {
  readonly id: string;
  readonly bookingId: string;
  /** `webhook`, or `teams:<staff conversation key>`. */
  readonly destination: string;
  readonly action: OutboxAction;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly status: 'pending' | 'done' | 'failed';
  /** The error's name only: never a body or personal data. */
  readonly lastError?: string;
}

interface OutboxRow {
  id: string;
  booking_id: string;
  destination: string;
  action: string;
  attempts: number | string;
  next_attempt_at: string;
  status: string;
  last_error: string | null;
}

/** Adds notifications inside the caller's transaction, so a request and its notifications commit together. */
export async function enqueueNotifications(
  tx: SqlClient,
  items: readonly { bookingId: string; destination: string; action: OutboxAction }[],
  now: Date,
): Promise<void> {
  for (const item of items) {
    await tx.run(
      `INSERT INTO booking_outbox (id, booking_id, destination, action, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5, $5)`,
      [randomUUID(), item.bookingId, item.destination, item.action, now.toISOString()],
    );
  }
}

/** The durable queue of staff notifications; rows say what to send, never the personal details themselves. */
export class OutboxStore {
  constructor(private readonly sql: SqlClient) {}

  /** Pending items whose time has come, oldest first. */
  async due(now: Date, limit: number): Promise<OutboxItem[]> {
    const rows = await this.sql.query<OutboxRow>(
      `SELECT id, booking_id, destination, action, attempts, next_attempt_at, status, last_error FROM booking_outbox
       WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY created_at, id LIMIT $2`,
      [now.toISOString(), limit],
    );
    return rows.map(toItem);
  }

  /** Takes an item for `until`; false when another worker took it first. A crashed worker's lease simply runs out. */
  async claim(item: OutboxItem, until: Date): Promise<boolean> {
    const { changes } = await this.sql.run(
      "UPDATE booking_outbox SET next_attempt_at = $3 WHERE id = $1 AND status = 'pending' AND next_attempt_at = $2",
      [item.id, item.nextAttemptAt.toISOString(), until.toISOString()],
    );
    return changes === 1;
  }

  async complete(id: string, now: Date): Promise<void> {
    await this.sql.run("UPDATE booking_outbox SET status = 'done', updated_at = $2 WHERE id = $1", [id, now.toISOString()]);
  }

  async retryLater(id: string, attempts: number, nextAttemptAt: Date, errorName: string, now: Date): Promise<void> {
    await this.sql.run(
      'UPDATE booking_outbox SET attempts = $2, next_attempt_at = $3, last_error = $4, updated_at = $5 WHERE id = $1',
      [id, attempts, nextAttemptAt.toISOString(), errorName.slice(0, 100), now.toISOString()],
    );
  }

  /** Gives up on an item; the request itself stays listed for staff. */
  async giveUp(id: string, attempts: number, errorName: string, now: Date): Promise<void> {
    await this.sql.run(
      "UPDATE booking_outbox SET status = 'failed', attempts = $2, last_error = $3, updated_at = $4 WHERE id = $1",
      [id, attempts, errorName.slice(0, 100), now.toISOString()],
    );
  }

  /** Every item of one request, oldest first (for checks and tests). */
  async forBooking(bookingId: string): Promise<OutboxItem[]> {
    const rows = await this.sql.query<OutboxRow>(
      `SELECT id, booking_id, destination, action, attempts, next_attempt_at, status, last_error FROM booking_outbox
       WHERE booking_id = $1 ORDER BY created_at, id`,
      [bookingId],
    );
    return rows.map(toItem);
  }

  /** The earliest time a pending item falls due, so a worker can sleep until then. */
  async nextDue(): Promise<Date | undefined> {
    const [row] = await this.sql.query<{ next: string | null }>("SELECT MIN(next_attempt_at) AS next FROM booking_outbox WHERE status = 'pending'");
    return row?.next ? new Date(row.next) : undefined;
  }

  /** Forgets finished items last touched before `cutoff`. */
  async purgeFinished(cutoff: Date): Promise<number> {
    const { changes } = await this.sql.run("DELETE FROM booking_outbox WHERE status <> 'pending' AND updated_at < $1", [cutoff.toISOString()]);
    return changes;
  }
}

function toItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    bookingId: row.booking_id,
    destination: row.destination,
    action: row.action === 'update' ? 'update' : 'post',
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(row.next_attempt_at),
    status: row.status === 'done' ? 'done' : row.status === 'failed' ? 'failed' : 'pending',
    lastError: row.last_error ?? undefined,
  };
}
