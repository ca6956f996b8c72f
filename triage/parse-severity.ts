// "7", "seven", "about a 4", "6/10", "6 or 7" -> 7, "like an 8 out of 10".
import { Language } from './language';
import { findHits } from './phrases';
import { ReadMode } from './parse-duration';
import { BREAK, keepClauses, Normalized } from './text';
import { aboutSomeoneElse } from './parse-red-flags';

const NUMBER = /^\d+(?:\.\d+)?$/;
const NOT_SCORE_UNITS = new Set([
  'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'old', 'km', 'k', 'miles', 'mile', 'mi', 'times', 'percent',
  'kg', 'lbs', 'lb', 'pounds', 'minutes', 'minute', 'hours', 'hour', 'am', 'pm', 'min', 'mins', 'x', 'steps', 'nights', 'night', 's',
]);
const AGE_BEFORE = new Set(['aged', 'age']);
/** Words between "a" and a score ("a solid 7"). */
const SCORE_ADJECTIVES = new Set(['solid', 'good', 'strong', 'hard', 'firm', 'steady', 'low', 'high', 'easy', 'constant']);
/** What may follow a score that stands alone ("a 7 at worst", "a solid 7, maybe 8"): a noun there makes it something else ("a 5 k"). */
const AFTER_SCORE = new Set([BREAK, 'and', 'but', 'or', 'at', 'when', 'on', 'now', 'today', 'most', 'maybe', 'probably', 'though', 'if', 'so', 'by', 'in', 'during', 'after', 'while', 'some', 'sometimes', 'tbh', 'lol']);

/** "at its worst a solid 7", "it is like an 8": a number after "a" that stands alone, which a message mentioning pain means as a score. */
function standsAsScore(t: readonly string[], i: number): boolean {
  const prev = t[i - 1] ?? '';
  const article = (w: string | undefined) => w === 'a' || w === 'an';
  const introduced = article(prev) || (SCORE_ADJECTIVES.has(prev) && article(t[i - 2]));
  return introduced && (i + 1 === t.length || AFTER_SCORE.has(t[i + 1]));
}
const BELOW = new Set(['under', 'below']);

/** The top of another scale the reply names for all its numbers ("4 on a scale of 5", "3 out of 5"), if any. */
function otherScale(t: readonly string[], max: number): number | null {
  for (let i = 0; i < t.length; i++) {
    const n = Number(t[i]);
    if (!NUMBER.test(t[i]) || n <= 1 || n === max) continue;
    const scaleOf = t[i - 1] === 'of' && t[i - 2] === 'scale' && t[i + 1] !== 'to';
    const ofOneTo = t[i - 1] === 'to' && t[i - 3] === 'of' && t[i - 4] === 'scale';
    const point = t[i + 1] === 'point' && t[i + 2] === 'scale';
    const outOf = t[i - 1] === 'of' && t[i - 2] === 'out';
    if (scaleOf || ofOneTo || point || outOf) return n;
  }
  return null;
}

/**
 * Reads a 0-10 score (the highest one named: the question asks about the worst); null if none. A score told of someone
 * else beside one's own ("3, maybe 4. My wife's bad back is a 9 some days") is theirs.
 */
export function parseSeverity(lang: Language, text: Normalized, mode: ReadMode, max: number): number | null {
  if (mode === 'answer') {
    const own = keepClauses(text, (clause) => !aboutSomeoneElse(lang, clause));
    const score = own !== text && own.tokens.length > 0 ? readSeverity(lang, own, mode, max) : null;
    if (score !== null) return score;
  }
  return readSeverity(lang, text, mode, max);
}

function readSeverity(lang: Language, text: Normalized, mode: ReadMode, max: number): number | null {
  const t = text.tokens;
  const scores: number[] = [];
  // "3 out of 5, but 4 when it's bad": every number is on the scale the reply names.
  const scale = otherScale(t, max);
  let denied = false;
  for (let i = 0; i < t.length; i++) {
    if (!NUMBER.test(t[i])) continue;
    const next = t[i + 1] ?? '';
    const prev = t[i - 1] ?? '';
    if (next === 'point' && t[i + 2] === 'scale') continue; // "a 5 point scale"
    // "6, not 7": the number ruled out is no score.
    if (prev === 'not' && !(t[i - 2] === 'if' || t[i - 2] === 'maybe')) {
      denied = true;
      continue;
    }
    if (prev === 'of' && (t[i - 2] === 'out' || t[i - 2] === 'scale')) continue; // "out of 10", "scale of 1 to 10"
    if (prev === 'from' && NUMBER.test(t[i - 2] ?? '') && Number(t[i]) === max) continue; // "4 from 10", as "4 out of 10"
    if (prev === 'to' && t[i - 3] === 'scale') continue;
    if (prev === 'to' && NUMBER.test(t[i - 2] ?? '') && (t[i - 3] === 'of' || t[i - 3] === 'from') && Number(t[i]) === max) continue;
    if (next === 'to' && t[i + 2] === String(max) && (prev === 'of' || prev === 'from')) continue;
    if (NOT_SCORE_UNITS.has(next) || AGE_BEFORE.has(prev)) continue;
    let n = Number(t[i]);
    const outOf = next === 'out' && t[i + 2] === 'of' && NUMBER.test(t[i + 3] ?? '') ? Number(t[i + 3]) : null;
    if (mode === 'mention' && outOf === null && !standsAsScore(t, i)) continue;
    // "6 and a half" is 6.5, which counts as 7, as "6.5" does.
    if (next === 'and' && t[i + 2] === 'a' && t[i + 3] === 'half') n += 0.5;
    if (outOf !== null && outOf > 0 && outOf !== max) n = (n * max) / outOf;
    else if (outOf === null && scale !== null) n = (n * max) / scale;
    // "under 7", "less than a 7": the score just below.
    if (BELOW.has(prev) || (prev === 'than' && t[i - 2] === 'less') || (prev === 'a' && t[i - 2] === 'than' && t[i - 3] === 'less')) n = Math.max(0, Math.ceil(n) - 1);
    if (n > max) {
      if (outOf !== null) n = max; // "12 out of 10"
      else if (prev === 'am' || next === 'years') continue; // an age, not a score
      // "11", "like a 15": past the top of the scale, said of the worst pain. Far past it ("50") may be another scale: asked again.
      else if (mode === 'answer' && n <= 2 * max) n = max;
      else return null;
    }
    scores.push(Math.ceil(n));
  }
  if (scores.length > 0) return Math.max(...scores);
  if (denied) return null;
  if (mode === 'mention') return null;
  for (const { value, phrases } of lang.severityWords) {
    if (findHits(phrases, text, lang.negation).some((h) => !h.negated)) return value;
  }
  return null;
}
