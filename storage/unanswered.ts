import { randomUUID } from 'node:crypto';
import type { SqlClient } from './sql';

export interface UnansweredQuestion {
  text: string;
  /** "none" (no answer) or "suggest" (only "did you mean"). */
  band: string;
  askedAt: Date;
}

/** What people ask that the knowledge base lacks: the words only, never who asked. */
export class UnansweredStore {
  constructor(private readonly sql: SqlClient) {}

  async record(text: string, band: string, at: Date): Promise<void> {
    await this.sql.run('INSERT INTO unanswered_questions (id, text, band, asked_at) VALUES ($1, $2, $3, $4)', [randomUUID(), scrub(text), band, at.toISOString()]);
  }

  async since(cutoff: Date): Promise<UnansweredQuestion[]> {
    const rows = await this.sql.query<{ text: string; band: string; asked_at: string }>(
      'SELECT text, band, asked_at FROM unanswered_questions WHERE asked_at >= $1 ORDER BY asked_at',
      [cutoff.toISOString()],
    );
    return rows.map((row) => ({ text: row.text, band: row.band, askedAt: new Date(row.asked_at) }));
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    return (await this.sql.run('DELETE FROM unanswered_questions WHERE asked_at < $1', [cutoff.toISOString()])).changes;
  }
}

/** Drops what could identify someone even in a question: e-mail addresses, phone-like numbers; and caps the length. */
export function scrub(text: string): string {
  return text
    .replace(/\S+@\S+/g, '[e-mail]')
    .replace(/\+?\d[\d\s().-]{5,}\d/g, '[number]')
    .trim()
    .slice(0, 200);
}
