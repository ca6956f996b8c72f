import { SqlClient } from './sql';

/** What the bot remembers about a person's last completed check, and nothing more. */
export interface CheckMemoryRecord {
  readonly lastCheckAt: Date;
  readonly level: string;
  readonly protocolVersion: string;
}

interface CheckMemoryRow {
  last_check_at: string;
  level: string;
  protocol_version: string;
}

/** Keyed by a user key the caller has already hashed: no raw channel id ever reaches the database. */
export class CheckMemoryStore {
  constructor(private readonly sql: SqlClient) {}

  async get(userKey: string): Promise<CheckMemoryRecord | undefined> {
    const [row] = await this.sql.query<CheckMemoryRow>(
      'SELECT last_check_at, level, protocol_version FROM check_memory WHERE user_key = $1',
      [userKey],
    );
    if (row === undefined) return undefined;
    return { lastCheckAt: new Date(row.last_check_at), level: row.level, protocolVersion: row.protocol_version };
  }

  async put(userKey: string, record: CheckMemoryRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO check_memory (user_key, last_check_at, level, protocol_version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_key) DO UPDATE SET last_check_at = excluded.last_check_at,
         level = excluded.level, protocol_version = excluded.protocol_version`,
      [userKey, record.lastCheckAt.toISOString(), record.level, record.protocolVersion],
    );
  }

  /** Forgets the person ("delete my data"); true when there was something to forget. */
  async delete(userKey: string): Promise<boolean> {
    const { changes } = await this.sql.run('DELETE FROM check_memory WHERE user_key = $1', [userKey]);
    return changes > 0;
  }

  /** Forgets every check made before `cutoff`; returns how many were forgotten. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const { changes } = await this.sql.run('DELETE FROM check_memory WHERE last_check_at < $1', [cutoff.toISOString()]);
    return changes;
  }
}
