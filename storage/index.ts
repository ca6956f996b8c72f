import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AccessLogStore } from './access-log';
import { BookingStore } from './bookings';
import { CheckMemoryStore } from './check-memory';
import { UnansweredStore } from './unanswered';
import { applyMigrations } from './migrations';
import { OutboxStore } from './outbox';
import type { DatabaseNotifications } from './notifications';
import { SqlClient, SqlEngine } from './sql';
import { SqlStateStore } from './state-store';
import { StaffConversationStore } from './staff-conversations';

export { type AccessAction, type AccessEntry, AccessLogStore } from './access-log';
export { BOOKING_STATUSES, type BookingRecord, type BookingStatus, BookingStore, type NewBooking, idempotencyKeyOf } from './bookings';
export { type CheckMemoryRecord, CheckMemoryStore } from './check-memory';
export { type UnansweredQuestion, UnansweredStore, scrub } from './unanswered';
export { type OutboxAction, type OutboxItem, OutboxStore } from './outbox';
export type { DatabaseNotifications, NotificationHandler } from './notifications';
export { RETENTION_DEFAULTS, type RetentionOptions, type RetentionResult, applyRetention } from './retention';
export { type StaffConversation, StaffConversationStore } from './staff-conversations';
export { EtagConflictError } from './errors';
export { type Migration, type MigrationStatement, applyMigrations, migrations } from './migrations';
export type { SqlClient, SqlEngine, SqlValue } from './sql';
export { CREATE_ONLY_ETAG, type KeyValueStore, SqlStateStore, type StoreItem, type StoreItems } from './state-store';

export interface OpenDatabaseOptions {
  /** A postgres:// URL selects PostgreSQL; without one, SQLite stores a file under `dataDir`. */
  databaseUrl?: string;
  /** Folder for the SQLite file (`bot.sqlite`); created if missing. */
  dataDir: string;
  /** PostgreSQL only: schema to create if missing and use (lower-case letters, digits, _). */
  schema?: string;
  /** PostgreSQL only: most connections open at once (default 10). */
  poolSize?: number;
  /** PostgreSQL only: told about connections the server dropped, for logging; the pool recovers by itself. */
  onConnectionError?: (error: Error) => void;
}

export interface Database {
  readonly engine: SqlEngine;
  readonly sql: SqlClient;
  readonly state: SqlStateStore;
  readonly checkMemory: CheckMemoryStore;
  /** Questions the knowledge base could not answer, without identity. */
  readonly unanswered: UnansweredStore;
  /** Call-back requests, their posted cards and their notifications. */
  readonly bookings: BookingStore;
  readonly outbox: OutboxStore;
  readonly accessLog: AccessLogStore;
  readonly staffConversations: StaffConversationStore;
  /** PostgreSQL only: LISTEN/NOTIFY between the instances sharing the database; connects on first listen. */
  readonly notifications?: DatabaseNotifications;
  /** Resolves when the database answers; for health checks. */
  ping(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

export function sqliteFilePath(dataDir: string): string {
  return path.join(dataDir, 'bot.sqlite');
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const sql = await openSqlClient(options);
  try {
    await applyMigrations(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  const notifications =
    sql.engine === 'postgres' && options.databaseUrl !== undefined
      ? (await import('./notifications')).postgresNotifications(sql, options.databaseUrl, { schema: options.schema, onConnectionError: options.onConnectionError })
      : undefined;
  return {
    engine: sql.engine,
    sql,
    state: new SqlStateStore(sql),
    checkMemory: new CheckMemoryStore(sql),
    unanswered: new UnansweredStore(sql),
    bookings: new BookingStore(sql),
    outbox: new OutboxStore(sql),
    accessLog: new AccessLogStore(sql),
    staffConversations: new StaffConversationStore(sql),
    notifications,
    ping: async () => {
      await sql.query('SELECT 1');
    },
    close: async () => {
      await notifications?.close();
      await sql.close();
    },
  };
}

async function openSqlClient(options: OpenDatabaseOptions): Promise<SqlClient> {
  if (options.databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new RangeError('databaseUrl must start with postgres:// or postgresql://');
    }
    // Each engine's driver loads only when it is used: the embedded default never pays for pg.
    const { openPostgres } = await import('./postgres');
    return openPostgres(options.databaseUrl, {
      schema: options.schema,
      poolSize: options.poolSize,
      onConnectionError: options.onConnectionError,
    });
  }
  mkdirSync(options.dataDir, { recursive: true });
  const { openSqlite } = await import('./sqlite');
  return openSqlite(sqliteFilePath(options.dataDir));
}
