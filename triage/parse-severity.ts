// "7", "seven", "about a 4", "6/10", "6 or 7" -> 7, "like an 8 out of 10".
import { Language } from './language';
import { findHits } from './phrases';
import { ReadMode } from './parse-duration';
import { Normalized } from './text';

const NUMBER = /^\d+(?:\.\d+)?$/;
const NOT_SCORE_UNITS = new Set([
  'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'old', 'km', 'k', 'miles', 'mile', 'mi', 'times', 'percent',
  'kg', 'lbs', 'lb', 'pounds', 'minutes', 'minute', 'hours', 'hour', 'am', 'pm', 'min', 'mins', 'x', 'steps', 'nights', 'night', 's',
]);
const AGE_BEFORE = new Set(['aged', 'age']);

/** Reads a 0-10 score (the highest one named: the question asks about the worst); null if none. */
export function parseSeverity(lang: Language, text: Normalized, mode: ReadMode, max: number): number | null {
  const t = text.tokens;
  const scores: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (!NUMBER.test(t[i])) continue;
    const next = t[i + 1] ?? '';
    const prev = t[i - 1] ?? '';
    if (prev === 'of' && (t[i - 2] === 'out' || t[i - 2] === 'scale')) continue; // "out of 10", "scale of 1 to 10"
    if (prev === 'to' && t[i - 3] === 'scale') continue;
    if (prev === 'to' && NUMBER.test(t[i - 2] ?? '') && (t[i - 3] === 'of' || t[i - 3] === 'from') && Number(t[i]) === max) continue;
    if (next === 'to' && t[i + 2] === String(max) && (prev === 'of' || prev === 'from')) continue;
    if (NOT_SCORE_UNITS.has(next) || AGE_BEFORE.has(prev)) continue;
    let n = Number(t[i]);
    const outOf = next === 'out' && t[i + 2] === 'of' && NUMBER.test(t[i + 3] ?? '') ? Number(t[i + 3]) : null;
    if (mode === 'mention' && outOf === null) continue;
    if (outOf !== null && outOf > 0 && outOf !== max) n = (n * max) / outOf;
    if (n > max) {
      if (outOf !== null) n = max; // "12 out of 10"
      else if (prev === 'am' || next === 'years') continue; // an age, not a score
      else return null;
    }
    scores.push(Math.ceil(n));
  }
  if (scores.length > 0) return Math.max(...scores);
  if (mode === 'mention') return null;
  for (const { value, phrases } of lang.severityWords) {
    if (findHits(phrases, text, lang.negation).some((h) => !h.negated)) return value;
  }
  return null;
}
