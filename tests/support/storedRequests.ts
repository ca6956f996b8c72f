import { expect } from 'chai';
import type { SqlClient } from '../../storage';
import type { ConfirmedRequest } from './bookingLoad';

interface RequestRow {
  reference: string;
  name: string | null;
  contact: string | null;
  idempotency_key: string;
  user_key: string | null;
}

function repeated(values: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) {
    if (value === null) continue;
    if (seen.has(value)) twice.add(value);
    seen.add(value);
  }
  return [...twice];
}

/**
 * Reads the call-back requests straight from the table: every request a person was shown as
 * confirmed is there exactly once with what they gave, and nothing was stored twice for one
 * message (idempotency key) or one journey (each journey is a person of their own).
 */
export async function expectConfirmedStoredOnce(sql: SqlClient, confirmed: readonly ConfirmedRequest[]): Promise<void> {
  const rows = await sql.query<RequestRow>('SELECT reference, name, contact, idempotency_key, user_key FROM booking_requests');
  const shown = confirmed.map((c) => c.reference);
  expect(repeated(shown), 'one reference shown for two requests').to.deep.equal([]);
  const missing = confirmed.filter((c) => !rows.some((row) => row.reference === c.reference));
  expect(missing.map((c) => c.reference), 'confirmed but not in the database').to.deep.equal([]);
  for (const request of confirmed) {
    const stored = rows.filter((row) => row.reference === request.reference);
    expect(stored, request.reference).to.have.length(1);
    expect({ name: stored[0].name, contact: stored[0].contact }, request.reference).to.deep.equal({ name: request.name, contact: request.email });
  }
  expect(repeated(rows.map((row) => row.idempotency_key)), 'two requests for one message').to.deep.equal([]);
  expect(repeated(rows.map((row) => row.user_key)).length, 'two requests from one journey').to.equal(0);
}
