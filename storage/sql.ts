/** A value both engines bind the same way; dates travel as ISO-8601 strings. */
export type SqlValue = string | number | null;

export type SqlEngine = 'sqlite' | 'postgres';

/** The small surface the stores need. SQL is written once, with `$1, $2` placeholders. */
export interface SqlClient {
  readonly engine: SqlEngine;
  /** Rows of a statement that returns rows (SELECT, or ... RETURNING); PostgreSQL gives bigint and numeric as strings. */
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** A statement that changes rows; `changes` is the number of rows it touched. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Commits when `fn` resolves, rolls back when it throws; nested calls use savepoints. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Turns `$1, $2` placeholders into SQLite's positional `?`, reordering the
 * parameters so `$2 ... $1 ... $2` still binds right. Quoted text is left alone.
 */
export function toPositionalPlaceholders(
  sql: string,
  params: readonly SqlValue[],
): { sql: string; params: SqlValue[] } {
  const ordered: SqlValue[] = [];
  const translated = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (match, index?: string) => {
    if (index === undefined) return match;
    const position = Number(index) - 1;
    if (position < 0 || position >= params.length) {
      throw new RangeError(`SQL placeholder $${index} has no parameter (${params.length} given)`);
    }
    ordered.push(params[position] ?? null);
    return '?';
  });
  return { sql: translated, params: ordered };
}

/**
 * Runs `fn` inside a savepoint of an open transaction, so a nested failure undoes only
 * its own work. Both engines resolve a repeated savepoint name to the innermost one.
 */
export async function withSavepoint<T>(tx: SqlClient, fn: (tx: SqlClient) => Promise<T>): Promise<T> {
  await tx.run('SAVEPOINT nested');
  try {
    const result = await fn(tx);
    await tx.run('RELEASE SAVEPOINT nested');
    return result;
  } catch (error) {
    await tx.run('ROLLBACK TO SAVEPOINT nested');
    await tx.run('RELEASE SAVEPOINT nested');
    throw error;
  }
}

/** What a transaction body runs its statements on: one connection, no queueing. */
export type SqlStatements = Pick<SqlClient, 'query' | 'run'>;

/**
 * The client handed to a transaction body. It refuses work once the transaction has
 * ended, so a statement that escaped the body cannot run outside it unnoticed.
 */
export function transactionClient(
  engine: SqlEngine,
  statements: SqlStatements,
): { client: SqlClient; finish: () => void } {
  let open = true;
  const guard = (): void => {
    if (!open) throw new Error('Transaction already finished; use the database client instead');
  };
  const client: SqlClient = {
    engine,
    query: async (sql, params) => (guard(), statements.query(sql, params)),
    run: async (sql, params) => (guard(), statements.run(sql, params)),
    transaction: (fn) => withSavepoint(client, fn),
    close: async () => {
      throw new Error('Close the database, not a transaction');
    },
  };
  return { client, finish: () => (open = false) };
}
