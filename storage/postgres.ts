import { Pool } from 'pg';
import { SqlClient, transactionClient } from './sql';

export interface PostgresOptions {
  /** Schema created if missing and used as the search_path, so tests and deployments stay apart. */
  schema?: string;
  /** Most connections open at once. */
  poolSize?: number;
  /** Give up connecting after this long, so a dead server fails a query instead of hanging it. */
  connectionTimeoutMs?: number;
  /**
   * Give up waiting for a query's answer after this long. A server host that vanishes (a failover
   * to a new address) answers nothing and resets nothing: without it, the connections in use hang
   * until the kernel gives up (many minutes) and the pool never recovers.
   */
  queryTimeoutMs?: number;
  /** Told about connections the server dropped (log it); the pool replaces them on the next query. */
  onConnectionError?: (error: Error) => void;
}

const postgresDefaults = Object.freeze({
  poolSize: 10,
  connectionTimeoutMs: 5000,
  queryTimeoutMs: 10_000,
  onConnectionError: (): void => undefined,
});

export async function openPostgres(databaseUrl: string, options: PostgresOptions = {}): Promise<SqlClient> {
  const poolSize = options.poolSize ?? postgresDefaults.poolSize;
  const connectionTimeoutMs = options.connectionTimeoutMs ?? postgresDefaults.connectionTimeoutMs;
  const queryTimeoutMs = options.queryTimeoutMs ?? postgresDefaults.queryTimeoutMs;
  const onConnectionError = options.onConnectionError ?? postgresDefaults.onConnectionError;
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema);
  const pool = new Pool({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: connectionTimeoutMs,
    // A query that times out fails its turn, and its connection is discarded rather than reused.
    query_timeout: queryTimeoutMs,
    // Set at connection start, so connections the pool opens after an outage get it too.
    options: schema === undefined ? undefined : `-c search_path=${schema}`,
  });
  // Without a listener, an idle connection the server drops would crash the process.
  pool.on('error', (error) => onConnectionError(error));

  const client = poolClient(pool, onConnectionError);
  if (schema !== undefined) {
    try {
      await client.transaction(async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock(hashtext('knee-assistant:create-schema'))");
        await tx.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      });
    } catch (error) {
      await client.close();
      throw error;
    }
  }
  return client;
}

/** Only plain lower-case identifiers: they need no quoting in SQL or in the connection options. */
function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new RangeError(`schema "${schema}" must be lower-case letters, digits and _ (at most 63)`);
  }
  return schema;
}

function poolClient(pool: Pool, onConnectionError: (error: Error) => void): SqlClient {
  let closing: Promise<void> | undefined;
  return {
    engine: 'postgres',
    query: async (sql, params = []) => (await pool.query(sql, [...params])).rows,
    run: async (sql, params = []) => ({ changes: (await pool.query(sql, [...params])).rowCount ?? 0 }),
    transaction: async (fn) => {
      const connection = await pool.connect();
      // A connection cut mid-transaction emits 'error'; the pending query rejects by itself.
      connection.on('error', onConnectionError);
      let broken = false;
      const tx = transactionClient('postgres', {
        query: async (sql, params = []) => (await connection.query(sql, [...params])).rows,
        run: async (sql, params = []) => ({ changes: (await connection.query(sql, [...params])).rowCount ?? 0 }),
      });
      try {
        await connection.query('BEGIN');
        const result = await fn(tx.client);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        tx.finish();
        connection.off('error', onConnectionError);
        // A connection that cannot even roll back is discarded, not reused.
        connection.release(broken);
      }
    },
    close: () => (closing ??= pool.end()),
  };
}
