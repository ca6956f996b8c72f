import { SqlClient, SqlEngine } from './sql';

/** Engine-neutral SQL, or one text per engine where the dialects differ. */
export type MigrationStatement = string | Readonly<Record<SqlEngine, string>>;

export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly statements: readonly MigrationStatement[];
}

// Timestamps are ISO-8601 UTC text (Date#toISOString): identical in both engines and they sort.
/** Append only: a new table is one more line; never edit a migration that has shipped. */
export const migrations: readonly Migration[] = Object.freeze([
  { id: 1, name: 'create state', statements: [
    'CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL, etag TEXT NOT NULL, updated_at TEXT NOT NULL)',
  ] },
  { id: 2, name: 'create check_memory', statements: [
    'CREATE TABLE check_memory (user_key TEXT PRIMARY KEY, last_check_at TEXT NOT NULL, level TEXT NOT NULL, protocol_version TEXT NOT NULL)',
    'CREATE INDEX check_memory_last_check_at ON check_memory (last_check_at)',
  ] },
  // Personal columns (name, contact, preferred time, summary) are emptied when a request is withdrawn or expires.
  { id: 3, name: 'create booking_requests', statements: [
    `CREATE TABLE booking_requests (id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, idempotency_key TEXT NOT NULL UNIQUE,
      user_key TEXT, status TEXT NOT NULL, name TEXT, contact_kind TEXT, contact TEXT, contact_ext TEXT, preferred_time TEXT,
      time_hint TEXT, consent_by TEXT, summary TEXT, channel TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      status_by TEXT, status_at TEXT)`,
    'CREATE INDEX booking_requests_user_key ON booking_requests (user_key)',
    'CREATE INDEX booking_requests_status_created ON booking_requests (status, created_at)',
  ] },
  { id: 4, name: 'create staff_conversations', statements: [
    'CREATE TABLE staff_conversations (conversation_key TEXT PRIMARY KEY, kind TEXT NOT NULL, reference TEXT NOT NULL, added_by TEXT NOT NULL, added_at TEXT NOT NULL)',
  ] },
  { id: 5, name: 'create booking_posts', statements: [
    `CREATE TABLE booking_posts (booking_id TEXT NOT NULL, destination TEXT NOT NULL, activity_id TEXT, reference TEXT,
      posted_at TEXT NOT NULL, PRIMARY KEY (booking_id, destination))`,
  ] },
  { id: 6, name: 'create booking_outbox', statements: [
    `CREATE TABLE booking_outbox (id TEXT PRIMARY KEY, booking_id TEXT NOT NULL, destination TEXT NOT NULL, action TEXT NOT NULL,
      status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at TEXT NOT NULL, last_error TEXT, created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL)`,
    'CREATE INDEX booking_outbox_due ON booking_outbox (status, next_attempt_at)',
    'CREATE INDEX booking_outbox_booking ON booking_outbox (booking_id)',
  ] },
  { id: 7, name: 'create staff_access_log', statements: [
    'CREATE TABLE staff_access_log (id TEXT PRIMARY KEY, at TEXT NOT NULL, staff_id TEXT NOT NULL, reference TEXT NOT NULL, action TEXT NOT NULL)',
    'CREATE INDEX staff_access_log_at ON staff_access_log (at)',
  ] },
  { id: 8, name: 'create unanswered_questions', statements: [
    'CREATE TABLE unanswered_questions (id TEXT PRIMARY KEY, text TEXT NOT NULL, band TEXT NOT NULL, asked_at TEXT NOT NULL)',
    'CREATE INDEX unanswered_questions_at ON unanswered_questions (asked_at)',
  ] },
  // The bot's own Direct Line, shared by every instance; forgotten once idle (storage/directline.ts).
  { id: 9, name: 'create directline', statements: [
    'CREATE TABLE directline_conversations (conversation_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, last_seq INTEGER NOT NULL, touched_at TEXT NOT NULL)',
    'CREATE INDEX directline_conversations_touched_at ON directline_conversations (touched_at)',
    `CREATE TABLE directline_activities (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (conversation_id, seq))`,
  ] },
]);

/** Applies the migrations not yet recorded in `schema_migrations`, in one transaction; returns their ids. */
export async function applyMigrations(sql: SqlClient, list: readonly Migration[] = migrations): Promise<number[]> {
  list.forEach((migration, index) => {
    if (index > 0 && migration.id <= list[index - 1].id) {
      throw new RangeError(`Migration ${migration.id} ("${migration.name}") is out of order`);
    }
  });
  return sql.transaction(async (tx) => {
    // Two processes opening at once: the second waits here, then finds nothing left to do.
    // (SQLite gets the same from the write lock its transactions take up front.)
    if (tx.engine === 'postgres') {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('knee-assistant:migrations'))");
    }
    await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((row) => Number(row.id)));
    const pending = list.filter((migration) => !applied.has(migration.id));
    for (const migration of pending) {
      for (const statement of migration.statements) {
        await tx.run(typeof statement === 'string' ? statement : statement[tx.engine]);
      }
      await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [
        migration.id,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    return pending.map((migration) => migration.id);
  });
}
