// "3 days", "a fortnight", "a month and a half", "since Labour Day", "since last tuesday" -> days.
import * as chrono from 'chrono-node';
import {
  CalendarDay,
  dayNumber,
  daysInMonth,
  daysSince,
  easterSunday,
  fromDayNumber,
  mostRecent,
  nthWeekday,
  offsetMinutes,
  ParseContext,
  today,
  weekdayBefore,
  weekdayOf,
} from './calendar';
import { DurationBand } from './ids';
import { DurationLanguage, Holiday, Language } from './language';
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
const DAY_OF_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['april', 4], ['apr', 4], ['may', 5], ['june', 6],
  ['july', 7], ['jul', 7], ['august', 8], ['aug', 8], ['september', 9], ['sept', 9], ['sep', 9], ['october', 10], ['oct', 10],
  ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
]);
const MONTH_CONTEXT = new Set(['since', 'in', 'from', 'around', 'of', 'early', 'mid', 'late', 'end', 'start', 'beginning', 'middle', 'last', 'about', 'before', 'started', 'began', 'on']);
const SEASON_CONTEXT = new Set(['since', 'during', 'over', 'last', 'this', 'early', 'late', 'mid', 'in']);
const YEAR_CONTEXT = new Set(['since', 'in', 'from', 'of', 'around']);
const DATE_CONTEXT = /\b(since|on|from|started|began|starting|beginning)\s*$/i;

class Reader {
  readonly tokens: string[];
  private readonly onset: Hit[];
  constructor(readonly lang: DurationLanguage, readonly text: Normalized, readonly ctx: ParseContext, readonly mode: ReadMode, negation: Language['negation']) {
    this.tokens = text.tokens;
    this.onset = findHits(lang.onsetCues, text, negation);
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

function fromQuantities(r: Reader, bands: readonly DurationBandRange[], negation: Language['negation']): DayRange[] {
  const out: DayRange[] = [];
  const less = findHits(r.lang.lessThan, r.text, negation);
  const more = findHits(r.lang.moreThan, r.text, negation);
  r.tokens.forEach((tok, i) => {
    const unit = r.lang.units.get(tok);
    if (unit === undefined) return;
    const q = quantityBefore(r, i);
    if (!q) return;
    let after = i + 1;
    let extra = 0;
    if (r.phraseAt(after, ['and a half']) > 0) {
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
    if (r.phraseBefore(before, r.lang.blockedBefore)) return;
    if (r.phraseAt(after, r.lang.afterUnit) > 0) return;
    if (r.mode === 'mention' && !r.phraseBefore(before, r.lang.mentionBefore) && r.phraseAt(after, r.lang.mentionAfter) === 0) return;
    out.push({ lo: Math.floor(lo), hi: Math.ceil(hi) });
  });
  return out;
}

function fromRelativePhrases(r: Reader, negation: Language['negation']): DayRange[] {
  const out: DayRange[] = [];
  for (const { days, phrases } of r.lang.relative) {
    for (const hit of findHits(phrases, r.text, negation)) {
      if (!hit.negated && r.onsetNear(hit.start)) out.push({ lo: days, hi: days });
    }
  }
  return out;
}

function holidayOn(h: Holiday, year: number): CalendarDay {
  if (h.easterOffset !== undefined) return fromDayNumber(dayNumber(easterSunday(year)) + h.easterOffset);
  const month = h.month ?? 1;
  if (h.day !== undefined) return { year, month, day: h.day };
  const weekday = (h.weekday ?? 1) - 1; // data: 1 = Monday
  if (h.beforeDay !== undefined) return weekdayBefore(year, month, weekday, h.beforeDay);
  return nthWeekday(year, month, weekday, h.nth ?? 1);
}

function fromCalendar(r: Reader): DayRange[] {
  const out: DayRange[] = [];
  const t = r.tokens;
  const now = today(r.ctx);
  const dow = weekdayOf(now);
  const push = (at: number, lo: number, hi: number): void => {
    if (r.onsetNear(at)) out.push({ lo: Math.max(0, lo), hi: Math.max(0, hi) });
  };
  t.forEach((tok, i) => {
    const prev = t[i - 1] ?? '';
    const wd = WEEKDAYS.indexOf(tok);
    if (wd >= 0) {
      let d: number;
      if (prev === 'last') d = dow + 7 - wd;
      else if (prev === 'this') d = dow >= wd ? dow - wd : dow + 7 - wd;
      else d = (dow - wd + 7) % 7 || 7;
      push(i, d, d);
    } else if (tok === 'weekend') {
      let d = (dow - 5 + 7) % 7 || 7;
      if (prev === 'last' && dow >= 5) d += 7;
      push(i, d - 1, d);
    } else if (tok === 'week' && (prev === 'last' || prev === 'this') && !NUMBER.test(t[i + 1] ?? '')) {
      if (prev === 'last') push(i, dow + 1, dow + 7);
      else push(i, 0, dow);
    } else if (DAY_OF_MONTH.test(tok) && /\D/.test(tok) && prev === 'the' && ['since', 'on', 'from', 'around', 'started', 'began', 'about'].includes(t[i - 2] ?? '')) {
      const day = Number(DAY_OF_MONTH.exec(tok)?.[1] ?? 0);
      if (day < 1 || day > 31 || MONTHS.has(t[i + 1] ?? '') || t[i + 1] === 'of') return;
      const inThisMonth = day <= now.day;
      const year = inThisMonth || now.month > 1 ? now.year : now.year - 1;
      const month = inThisMonth ? now.month : now.month === 1 ? 12 : now.month - 1;
      const d = daysSince({ year, month, day: Math.min(day, daysInMonth(year, month)) }, r.ctx);
      push(i, d, d);
    } else if (tok === 'month' && prev === 'the' && t[i - 2] === 'of' && ['beginning', 'start', 'middle', 'mid'].includes(t[i - 3] ?? '')) {
      const early = t[i - 3] === 'beginning' || t[i - 3] === 'start';
      push(i, early ? Math.max(0, now.day - 10) : Math.max(0, now.day - 20), early ? now.day - 1 : Math.max(0, now.day - 11));
    } else if (tok === 'month' && (prev === 'last' || prev === 'this')) {
      const prevMonth = now.month === 1 ? 12 : now.month - 1;
      const prevYear = now.month === 1 ? now.year - 1 : now.year;
      if (prev === 'last') push(i, now.day, now.day - 1 + daysInMonth(prevYear, prevMonth));
      else push(i, 0, now.day - 1);
    } else if (MONTHS.has(tok)) {
      const month = MONTHS.get(tok) ?? 1;
      const nextDay = DAY_OF_MONTH.exec(t[i + 1] ?? '');
      const priorDay = t[i - 1] === 'of' ? DAY_OF_MONTH.exec(t[i - 2] ?? '') : null;
      const dayMatch = nextDay ?? priorDay;
      const day = dayMatch ? Number(dayMatch[1]) : null;
      const context = MONTH_CONTEXT.has(prev) || (prev === 'the' && MONTH_CONTEXT.has(t[i - 2] ?? '')) || day !== null;
      if (!context || (tok === 'may' && day === null && !['since', 'in', 'from', 'early', 'mid', 'late', 'of', 'around'].includes(prev))) return;
      if (day !== null && (day < 1 || day > 31)) return;
      const part = prev === 'of' ? t[i - 2] ?? '' : prev;
      const year = month < now.month || (month === now.month && (day ?? 1) <= now.day) ? now.year : now.year - 1;
      const last = daysInMonth(year, month);
      let firstDay = day ?? 1;
      let lastDay = day ?? last;
      if (day === null && ['early', 'beginning', 'start'].includes(part)) lastDay = 10;
      if (day === null && ['mid', 'middle'].includes(part)) [firstDay, lastDay] = [11, 20];
      if (day === null && ['late', 'end'].includes(part)) firstDay = 21;
      const hi = daysSince({ year, month, day: Math.min(firstDay, last) }, r.ctx);
      const lo = daysSince({ year, month, day: Math.min(lastDay, last) }, r.ctx);
      push(i, lo, hi);
    } else if (/^(19|20)\d\d$/.test(tok) && YEAR_CONTEXT.has(prev)) {
      const year = Number(tok);
      if (year > now.year) return;
      push(i, year === now.year ? 0 : daysSince({ year, month: 12, day: 31 }, r.ctx), daysSince({ year, month: 1, day: 1 }, r.ctx));
    }
  });
  const padded = r.text.padded;
  for (const h of r.lang.holidays) {
    for (const name of h.names) {
      const at = padded.indexOf(` ${name} `);
      if (at < 0) continue;
      const index = padded.slice(0, at + 1).split(' ').filter((x) => x.length > 0).length;
      const d = daysSince(mostRecent(r.ctx, (year) => holidayOn(h, year)), r.ctx);
      push(index, d, d);
      break;
    }
  }
  for (const s of r.lang.seasons) {
    t.forEach((tok, i) => {
      if (!s.names.includes(tok)) return;
      const prev = t[i - 1] ?? '';
      const ok = SEASON_CONTEXT.has(prev) || (prev === 'the' && ['since', 'in', 'during', 'over', 'of'].includes(t[i - 2] ?? ''));
      if (!ok) return;
      const d = daysSince(mostRecent(r.ctx, (year) => ({ year, month: s.month, day: s.day })), r.ctx);
      push(i, prev === 'late' ? Math.max(0, d - 60) : d, d);
    });
  }
  return out;
}

/** Numeric dates ("since 10/11") through chrono, read in the clinic's time zone. */
function fromNumericDates(raw: string, r: Reader): DayRange[] {
  const out: DayRange[] = [];
  if (!/\d{1,4}[/.-]\d{1,2}/.test(raw)) return out; // chrono is slow; only numeric dates need it
  const results = chrono.parse(raw, { instant: r.ctx.now, timezone: offsetMinutes(r.ctx) });
  const now = today(r.ctx);
  for (const res of results) {
    if (!/^\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/.test(res.text.trim())) continue;
    if (!DATE_CONTEXT.test(raw.slice(0, res.index))) continue;
    const month = res.start.get('month');
    const day = res.start.get('day');
    if (month === null || day === null) continue;
    let year = res.start.isCertain('year') ? res.start.get('year') ?? now.year : now.year;
    if (!res.start.isCertain('year') && dayNumber({ year, month, day }) > dayNumber(now)) year -= 1;
    const d = daysSince({ year, month, day }, r.ctx);
    if (d >= 0) out.push({ lo: d, hi: d });
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
