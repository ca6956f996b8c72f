import { randomUUID } from 'node:crypto';
import { EtagConflictError } from './errors';
import { SqlClient } from './sql';

/** botbuilder's StoreItem, declared here so storage does not depend on botbuilder. */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}

export type StoreItems = Record<string, StoreItem>;

/** An eTag meaning "create only if absent": a second writer of a new key gets EtagConflictError. */
export const CREATE_ONLY_ETAG = '@new';

/** The shape of botbuilder's `Storage`; a `KeyValueStore` can be passed wherever one is wanted. */
export interface KeyValueStore {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

interface StateRow {
  key: string;
  value: string;
  etag: string;
}

/**
 * Bot state in the `state` table with botbuilder's eTag rules: every write gets a new eTag;
 * an item without one (or with "*") overwrites; any other eTag must match the stored item,
 * or the write throws EtagConflictError. A multi-key write is all or nothing.
 */
export class SqlStateStore implements KeyValueStore {
  constructor(
    private readonly sql: SqlClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.sql.query<StateRow>(
      `SELECT key, value, etag FROM state WHERE key IN (${placeholders(keys.length)})`,
      keys,
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...parseItem(row), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    // A fixed key order means two multi-key writers queue behind each other instead of deadlocking.
    const entries = Object.entries(changes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return;
    await this.sql.transaction(async (tx) => {
      for (const [key, item] of entries) await this.writeItem(tx, key, item);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.sql.run(`DELETE FROM state WHERE key IN (${placeholders(keys.length)})`, keys);
  }

  private async writeItem(tx: SqlClient, key: string, item: StoreItem): Promise<void> {
    const { eTag: expected, ...value } = item;
    const params = [key, JSON.stringify(value), randomUUID(), this.now().toISOString()];
    if (!expected || expected === '*') {
      await tx.run(
        `INSERT INTO state (key, value, etag, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
        params,
      );
      return;
    }
    if (expected === CREATE_ONLY_ETAG) {
      const { changes } = await tx.run(
        'INSERT INTO state (key, value, etag, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING',
        params,
      );
      if (changes === 0) throw new EtagConflictError(key);
      return;
    }
    // One conditional statement, so two writers holding the same eTag cannot both win.
    const { changes } = await tx.run(
      'UPDATE state SET value = $2, etag = $3, updated_at = $4 WHERE key = $1 AND etag = $5',
      [...params, expected],
    );
    if (changes === 0) throw new EtagConflictError(key);
  }
}

function placeholders(count: number): string {
  return Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ');
}

function parseItem(row: StateRow): Record<string, unknown> {
  const value: unknown = JSON.parse(row.value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`Stored state "${row.key}" is not a JSON object`);
  }
  return { ...value };
}
