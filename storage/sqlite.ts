import BetterSqlite3 from 'better-sqlite3';
import { SqlClient, SqlValue, toPositionalPlaceholders, transactionClient } from './sql';

export interface SqliteOptions {
  /** How long a write waits for another process's lock before failing, in milliseconds. */
  busyTimeoutMs?: number;
}

const sqliteDefaults = Object.freeze({ busyTimeoutMs: 5000 });

/** One connection per file; calls are queued so a transaction never interleaves with other work. */
export function openSqlite(file: string, options: SqliteOptions = {}): SqlClient {
  const db = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? sqliteDefaults.busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit: a confirmed write survives a crash or power cut.
  db.pragma('synchronous = FULL');

  let tail: Promise<unknown> = Promise.resolve();
  const serialize = <T>(task: () => T | Promise<T>): Promise<T> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };

  // Statements are compiled once: the same few run on every turn.
  const statements = new Map<string, BetterSqlite3.Statement<SqlValue[]>>();
  const prepare = (sql: string): BetterSqlite3.Statement<SqlValue[]> => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= 200) statements.clear();
      statement = db.prepare<SqlValue[]>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const query = <T>(sql: string, params: readonly SqlValue[]): T[] => {
    const positional = toPositionalPlaceholders(sql, params);
    return prepare(positional.sql).all(...positional.params) as T[];
  };
  const run = (sql: string, params: readonly SqlValue[]): { changes: number } => {
    const positional = toPositionalPlaceholders(sql, params);
    return { changes: prepare(positional.sql).run(...positional.params).changes };
  };

  let closing: Promise<void> | undefined;
  return {
    engine: 'sqlite',
    query: (sql, params = []) => serialize(() => query(sql, params)),
    run: (sql, params = []) => serialize(() => run(sql, params)),
    transaction: (fn) =>
      serialize(async () => {
        // IMMEDIATE takes the write lock up front, so two processes wait instead of deadlocking.
        db.exec('BEGIN IMMEDIATE');
        const tx = transactionClient('sqlite', {
          query: async (sql, params = []) => query(sql, params),
          run: async (sql, params = []) => run(sql, params),
        });
        try {
          const result = await fn(tx.client);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          tx.finish();
        }
      }),
    close: () => (closing ??= serialize(() => void db.close())),
  };
}
