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

/**
 * Drops what could identify someone even in a question: e-mail addresses, phone-like numbers, and words written as
 * names are ("Mark Chen (dad), patient is Leo"): a capitalised word inside a sentence, or one starting a sentence with
 * another after it. Acronyms ("KT", "PFPS") and "I" stay. Caps the length.
 */
export function scrub(text: string): string {
  const masked = text.replace(/\S+@\S+/g, '[e-mail]').replace(/\+?\d[\d\s().-]{5,}\d/g, '[number]');
  const name = /^\p{Lu}\p{Ll}+$/u;
  const parts = masked.split(/(\s+)/);
  let sentenceStart = true;
  const out = parts.map((part, i) => {
    if (/^\s+$/.test(part) || part.length === 0) return part;
    const core = part.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    const next = (parts[i + 2] ?? '').replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    const masks = name.test(core) && (!sentenceStart || name.test(next));
    sentenceStart = /[.!?]$/.test(part);
    return masks ? part.replace(core, '[name]') : part;
  });
  return out.join('').trim().slice(0, 200);
}
