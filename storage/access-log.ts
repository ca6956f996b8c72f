import { randomUUID } from 'node:crypto';
import type { SqlClient } from './sql';

/** What a staff member did with a request. */
export type AccessAction = 'list' | 'view' | 'contacted' | 'closed';

/** Who looked at or changed which request, and when: no health details and no personal details. */
export interface AccessEntry {
  at: Date;
  /** The staff member's Microsoft Entra object id. */
  staffId: string;
  reference: string;
  action: AccessAction;
}

export class AccessLogStore {
  constructor(private readonly sql: SqlClient) {}

  async record(entries: readonly AccessEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.sql.transaction(async (tx) => {
      for (const entry of entries) {
        await tx.run('INSERT INTO staff_access_log (id, at, staff_id, reference, action) VALUES ($1, $2, $3, $4, $5)', [
          randomUUID(), entry.at.toISOString(), entry.staffId, entry.reference, entry.action,
        ]);
      }
    });
  }

  /** The log of one request, or of all, oldest first. */
  async entries(reference?: string): Promise<AccessEntry[]> {
    const rows = await this.sql.query<{ at: string; staff_id: string; reference: string; action: string }>(
      reference === undefined
        ? 'SELECT at, staff_id, reference, action FROM staff_access_log ORDER BY at, id'
        : 'SELECT at, staff_id, reference, action FROM staff_access_log WHERE reference = $1 ORDER BY at, id',
      reference === undefined ? [] : [reference],
    );
    return rows.map((row) => ({ at: new Date(row.at), staffId: row.staff_id, reference: row.reference, action: toAction(row.action) }));
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const { changes } = await this.sql.run('DELETE FROM staff_access_log WHERE at < $1', [cutoff.toISOString()]);
    return changes;
  }
}

function toAction(value: string): AccessAction {
  return value === 'view' || value === 'contacted' || value === 'closed' ? value : 'list';
}
