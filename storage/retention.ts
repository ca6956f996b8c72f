import type { AccessLogStore } from './access-log';
import type { BookingStore } from './bookings';
import type { CheckMemoryStore } from './check-memory';
import { purgeIdleDirectLine } from './directline';
import type { OutboxStore } from './outbox';
import type { SqlClient } from './sql';
import type { UnansweredStore } from './unanswered';

export interface RetentionSettings {
  /** Days call-back requests, conversation state and check memory are kept. */
  days: number;
  /** Days the staff access log is kept (it holds no personal or health details). */
  accessLogDays: number;
  /** Milliseconds a Web Chat conversation of the bot's own Direct Line is kept after its last use. */
  directLineIdleMs: number;
}

export const RETENTION_DEFAULTS: Readonly<RetentionSettings> = Object.freeze({ days: 180, accessLogDays: 730, directLineIdleMs: 2 * 60 * 60 * 1000 });

export type RetentionOptions = Partial<RetentionSettings>;

export interface RetentionStores {
  sql: SqlClient;
  bookings: BookingStore;
  outbox: OutboxStore;
  accessLog: AccessLogStore;
  checkMemory: CheckMemoryStore;
  unanswered: UnansweredStore;
}

export interface RetentionResult {
  /** Requests emptied of personal details (their cards are queued to say so). */
  expired: number;
  /** Tombstones deleted. */
  deleted: number;
  conversations: number;
  checks: number;
  notifications: number;
  accessLog: number;
  unanswered: number;
  /** Idle Direct Line conversations forgotten with their activities (optional only for results written before it). */
  directLine?: number;
}

const DAY_MS = 86_400_000;

/** Forgets what is older than the retention period; run it on a schedule. */
export async function applyRetention(stores: RetentionStores, now: Date, options: RetentionOptions = {}): Promise<RetentionResult> {
  const { days, accessLogDays, directLineIdleMs } = { ...RETENTION_DEFAULTS, ...options };
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const expired = await stores.bookings.expireOlderThan(cutoff, now);
  const deleted = await stores.bookings.deleteTombstonesOlderThan(cutoff);
  const { changes: conversations } = await stores.sql.run("DELETE FROM state WHERE key LIKE 'conversation/%' AND updated_at < $1", [cutoff.toISOString()]);
  const checks = await stores.checkMemory.purgeOlderThan(cutoff);
  const notifications = await stores.outbox.purgeFinished(cutoff);
  const accessLog = await stores.accessLog.purgeOlderThan(new Date(now.getTime() - accessLogDays * DAY_MS));
  const unanswered = await stores.unanswered.purgeOlderThan(cutoff);
  const directLine = await purgeIdleDirectLine(stores.sql, new Date(now.getTime() - directLineIdleMs));
  return { expired, deleted, conversations, checks, notifications, accessLog, unanswered, directLine };
}
