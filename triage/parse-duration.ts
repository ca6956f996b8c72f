// "3 days", "a fortnight", "a month and a half", "since Labour Day", "since last tuesday" -> days.
import { ParseContext } from './calendar';
import { DurationBand } from './ids';
import { DurationLanguage, Language } from './language';
import { fromCalendar, fromNumericDates } from './parse-dates';
import { findHits, Hit } from './phrases';
import { DurationBandRange } from './protocol';
import { BREAK, Normalized } from './text';

/** How long ago the pain started, as the shortest and longest reading of the words. */
export interface DayRange {
  lo: number;
  hi: number;
}

export type ReadMode = 'answer' | 'mention';

const NUMBER = /^\d+(?:\.\d+)?$/;
/** "2 and a half weeks", "week and a half". */
const AND_A_HALF = ['and a half'];

export class Reader {
  readonly tokens: readonly string[];
  private readonly onset: readonly Hit[];
  private readonly activity: readonly Hit[];
  constructor(readonly lang: DurationLanguage, readonly text: Normalized, readonly ctx: ParseContext, readonly mode: ReadMode, negation: Language['negation']) {
    this.tokens = text.tokens;
    this.onset = findHits(lang.onsetCues, text, negation);
    this.activity = mode === 'mention' ? findHits(lang.activityFor, text, negation) : [];
  }

  /** In an aside, whether the time phrase at `at` says how long something was done ("sitting in class for ages"), not how long it has hurt. */
  timesActivity(at: number): boolean {
    return this.activity.some((h) => h.end === at || h.end === at + 1);
  }

  /** Length of the phrase from `list` that starts at token `at`, or 0. */
  phraseAt(at: number, list: readonly string[]): number {
    for (const phrase of list) {
      const words = phrase.split(' ');
      if (words.every((w, k) => this.tokens[at + k] === w)) return words.length;
    }
    return 0;
  }

  /** Whether a phrase from `list` ends just before token `at`. */
  phraseBefore(at: number, list: readonly string[]): boolean {
    return list.some((phrase) => {
      const words = phrase.split(' ');
      return words.every((w, k) => this.tokens[at - words.length + k] === w);
    });
  }

  clause(at: number): [number, number] {
    let s = at;
    while (s > 0 && this.tokens[s - 1] !== BREAK) s--;
    let e = at;
    while (e < this.tokens.length && this.tokens[e] !== BREAK) e++;
    return [s, e];
  }

  /** In an aside (not an answer), a time phrase counts only next to words about the pain starting. */
  onsetNear(at: number): boolean {
    if (this.mode === 'answer') return true;
    const [s, e] = this.clause(at);
    return this.onset.some((h) => h.start >= s && h.start < e);
  }
}

function quantityBefore(r: Reader, unitAt: number): { start: number; lo: number; hi: number } | null {
  const t = r.tokens;
  let j = unitAt - 1;
  if (t[j] === 'of') j--;
  const word = t[j];
  if (word === undefined) return null;
  if (NUMBER.test(word)) {
    const n = parseFloat(word);
    if (['to', 'or', 'and'].includes(t[j - 1] ?? '') && NUMBER.test(t[j - 2] ?? '')) {
      const m = parseFloat(t[j - 2]);
      return { start: t[j - 3] === 'between' ? j - 3 : j - 2, lo: Math.min(m, n), hi: Math.max(m, n) };
    }
    return { start: j, lo: n, hi: n };
  }
  if (word === 'half' && t[j - 1] === 'a' && t[j - 2] === 'and' && NUMBER.test(t[j - 3] ?? '')) {
    const n = parseFloat(t[j - 3]) + 0.5;
    return { start: j - 3, lo: n, hi: n };
  }
  const q = r.lang.quantities.get(word);
  if (q === undefined) return null;
  if ((word === 'a' || word === 'an') && t[j - 1] === 'half') return { start: j - 1, lo: 0.5, hi: 0.5 };
  const start = t[j - 1] === 'a' && word !== 'a' ? j - 1 : j;
  return { start, lo: q, hi: q };
}

/**
 * A unit of four letters or more misspelt after a number ("4 dyas", "3 weks", "2 yeras"): two letters swapped, one
 * missing or one more. Another letter in its place is left alone ("2 ways" is no time).
 */
function misspeltUnit(r: Reader, i: number): number | undefined {
  const tok = r.tokens[i];
  if (tok.length < 3 || !NUMBER.test(r.tokens[i - 1] ?? '')) return undefined;
  let found: number | undefined;
  for (const [word, days] of r.lang.units) {
    if (word.length < 4 || word[0] !== tok[0] || !slipOf(tok, word)) continue;
    if (found !== undefined && found !== days) return undefined;
    found = days;
  }
  return found;
}

/** `typed` is `word` with two neighbouring letters swapped, one letter left out, or one letter added. */
function slipOf(typed: string, word: string): boolean {
  if (typed === word) return false;
  const [long, short] = typed.length >= word.length ? [typed, word] : [word, typed];
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  if (long.length === short.length) return long[i] === short[i + 1] && long[i + 1] === short[i] && long.slice(i + 2) === short.slice(i + 2);
  return long.length === short.length + 1 && long.slice(i + 1) === short.slice(i);
}

function fromQuantities(r: Reader, bands: readonly DurationBandRange[], negation: Language['negation']): DayRange[] {
  const out: DayRange[] = [];
  const less = findHits(r.lang.lessThan, r.text, negation);
  const more = findHits(r.lang.moreThan, r.text, negation);
  r.tokens.forEach((tok, i) => {
    const unit = r.lang.units.get(tok) ?? misspeltUnit(r, i);
    if (unit === undefined) return;
    // "week and a half", with no number before it, is one and a half.
    const q = quantityBefore(r, i) ?? (r.phraseAt(i + 1, AND_A_HALF) > 0 ? { start: i, lo: 1, hi: 1 } : null);
    if (!q) return;
    let after = i + 1;
    let extra = 0;
    if (r.phraseAt(after, AND_A_HALF) > 0) {
      extra = 0.5;
      after += 3;
    }
    let lo = (q.lo + extra) * unit;
    let hi = (q.hi + extra) * unit;
    // A range ending on a band's first day ("1-2 weeks") means the band below it, like the option label.
    if (q.lo < q.hi && bands.some((b) => b.minDays === hi)) hi -= 1;
    const modifier = [...less, ...more].find((h) => h.end === q.start);
    let before = q.start;
    if (modifier) {
      before = modifier.start;
      if (less.includes(modifier)) hi = lo = Math.max(0, hi - 1);
      else lo = hi = hi + 1;
    }
    if (r.phraseAt(after, ['or more', 'or longer', 'plus']) > 0) hi += 1;
    const shift = r.lang.shiftAfterUnit.get(r.tokens[after] ?? '') ?? 0;
    lo += shift;
    hi += shift;
    if (r.phraseBefore(before, r.lang.blockedBefore) || r.timesActivity(before)) return;
    if (r.phraseAt(after, r.lang.afterUnit) > 0 && !(r.phraseAt(after, r.lang.eventAfterUnit.words) > 0 && r.phraseBefore(before, r.lang.eventAfterUnit.unlessAfter))) return;
    if (r.mode === 'mention' && !r.phraseBefore(before, r.lang.mentionBefore) && r.phraseAt(after, r.lang.mentionAfter) === 0) return;
    out.push({ lo: Math.max(0, Math.floor(lo)), hi: Math.max(0, Math.ceil(hi)) });
  });
  return out;
}

function fromRelativePhrases(r: Reader, negation: Language['negation']): DayRange[] {
  const out: DayRange[] = [];
  for (const entry of r.lang.relative) {
    for (const hit of findHits(r.mode === 'answer' ? entry.answer : entry.mention, r.text, negation)) {
      if (!hit.negated && r.onsetNear(hit.start) && !r.timesActivity(hit.start)) out.push({ lo: entry.days, hi: entry.days });
    }
  }
  return out;
}

/** Reads how long ago the pain started; null when the words give no time at all. */
export function parseDuration(
  lang: Language,
  text: Normalized,
  raw: string,
  ctx: ParseContext,
  mode: ReadMode,
  bands: readonly DurationBandRange[],
): DayRange | null {
  const r = new Reader(lang.duration, text, ctx, mode, lang.negation);
  const found = [
    ...fromQuantities(r, bands, lang.negation),
    ...fromRelativePhrases(r, lang.negation),
    ...fromCalendar(r),
    ...fromNumericDates(raw, r),
  ];
  if (found.length === 0) return null;
  return { lo: Math.min(...found.map((f) => f.lo)), hi: Math.max(...found.map((f) => f.hi)) };
}

export function durationBand(bands: readonly DurationBandRange[], days: number): DurationBand {
  const band = bands.find((b) => days >= b.minDays && (b.maxDays === null || days <= b.maxDays));
  return band ? band.code : bands[bands.length - 1].code;
}
