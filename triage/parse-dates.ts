// Dates as starting points: "since last tuesday", "since Labour Day", "since September", "since 10/30".
import { chrono } from './chrono';
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
  today,
  weekdayBefore,
  weekdayOf,
} from './calendar';
import { Holiday } from './language';
import type { DayRange, Reader } from './parse-duration';

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
const YEAR_CONTEXT = new Set(['since', 'in', 'from', 'of', 'around', 'was', 'were']);
/** Words that make "the 15th" (or "Friday the 13th") a starting date ("that was the 19th"); in a reply to the duration question it is one anyway. */
const DATE_WORDS = new Set(['since', 'on', 'from', 'around', 'started', 'began', 'about', 'was']);
const DATE_CONTEXT = /\b(since|on|from|started|began|starting|beginning)\s*$/i;

/** "january", "sept": a month's name. */
export function isMonthName(token: string): boolean {
  return MONTHS.has(token);
}

/** "march" -> 3, "sept" -> 9; undefined for a word that names no month. */
export function monthNumber(token: string): number | undefined {
  return MONTHS.get(token);
}

/** "3", "3rd", "21st" -> the day of the month; undefined for anything else. */
export function dayOfMonth(token: string): number | undefined {
  const m = DAY_OF_MONTH.exec(token);
  const day = m ? Number(m[1]) : 0;
  return day >= 1 && day <= 31 ? day : undefined;
}

/** "13th", not "13": a day of the month said as one. */
function isOrdinal(token: string): boolean {
  return DAY_OF_MONTH.test(token) && /\D/.test(token);
}

function holidayOn(h: Holiday, year: number): CalendarDay {
  if (h.easterOffset !== undefined) return fromDayNumber(dayNumber(easterSunday(year)) + h.easterOffset);
  const month = h.month ?? 1;
  if (h.day !== undefined) return { year, month, day: h.day };
  const weekday = (h.weekday ?? 1) - 1; // data: 1 = Monday
  if (h.beforeDay !== undefined) return weekdayBefore(year, month, weekday, h.beforeDay);
  return nthWeekday(year, month, weekday, h.nth ?? 1);
}

/** Whether the weekday at `at` is followed by "last week" or "of last week". */
function weekdayOfLastWeek(t: readonly string[], at: number): boolean {
  if (!WEEKDAYS.includes(t[at] ?? '')) return false;
  const next = t[at + 1] === 'of' ? at + 2 : at + 1;
  return t[next] === 'last' && t[next + 1] === 'week';
}

/** "this" or "last" when the day of the month at `at` is followed by "of this month" or "of last month". */
function monthNamedAfter(t: readonly string[], at: number): 'this' | 'last' | null {
  const which = t[at + 2];
  return t[at + 1] === 'of' && (which === 'this' || which === 'last') && t[at + 3] === 'month' && DAY_OF_MONTH.test(t[at] ?? '') ? which : null;
}

export function fromCalendar(r: Reader): DayRange[] {
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
    // "since Friday the 13th" is dated by the 13th, below.
    if (wd >= 0 && t[i + 1] === 'the' && isOrdinal(t[i + 2] ?? '')) return;
    // "the Wednesday before last": the week before "last Wednesday".
    const beforeLast = t[i + 1] === 'before' && t[i + 2] === 'last';
    // "Thursday last week", "Monday of last week": that day in the week before this one.
    const ofLastWeek = weekdayOfLastWeek(t, i);
    if (wd >= 0) {
      let d: number;
      if (prev === 'last' || beforeLast || ofLastWeek) d = dow + 7 - wd + (beforeLast ? 7 : 0);
      else if (prev === 'this') d = dow >= wd ? dow - wd : dow + 7 - wd;
      else d = (dow - wd + 7) % 7 || 7;
      push(i, d, d);
    } else if (tok === 'weekend' && prev !== 'long') {
      let d = (dow - 5 + 7) % 7 || 7;
      if (prev === 'last' && dow >= 5) d += 7;
      push(i, d - 1, d);
    } else if (tok === 'week' && (prev === 'last' || prev === 'this') && !NUMBER.test(t[i + 1] ?? '') && !weekdayOfLastWeek(t, t[i - 2] === 'of' ? i - 3 : i - 2)) {
      if (prev === 'last') push(i, dow + 1, dow + 7);
      else push(i, 0, dow);
    } else if (isOrdinal(tok) && prev === 'the' && (r.mode === 'answer' || DATE_WORDS.has(WEEKDAYS.includes(t[i - 2] ?? '') ? t[i - 3] ?? '' : t[i - 2] ?? ''))) {
      const day = Number(DAY_OF_MONTH.exec(tok)?.[1] ?? 0);
      const ofMonth = monthNamedAfter(t, i);
      if (day < 1 || day > 31 || MONTHS.has(t[i + 1] ?? '') || (t[i + 1] === 'of' && !ofMonth)) return;
      if (ofMonth === 'this' && day > now.day) return;
      // "the 15th", "the 15th of this month": the latest 15th; "the 20th of last month": the month before this one.
      const inThisMonth = ofMonth === 'last' ? false : day <= now.day;
      const year = inThisMonth || now.month > 1 ? now.year : now.year - 1;
      const month = inThisMonth ? now.month : now.month === 1 ? 12 : now.month - 1;
      const d = daysSince({ year, month, day: Math.min(day, daysInMonth(year, month)) }, r.ctx);
      push(i, d, d);
    } else if (tok === 'month' && prev === 'the' && t[i - 2] === 'of' && ['beginning', 'start', 'middle', 'mid'].includes(t[i - 3] ?? '')) {
      const early = t[i - 3] === 'beginning' || t[i - 3] === 'start';
      push(i, early ? Math.max(0, now.day - 10) : Math.max(0, now.day - 20), early ? now.day - 1 : Math.max(0, now.day - 11));
    } else if (tok === 'month' && (prev === 'last' || prev === 'this') && !monthNamedAfter(t, i - 3)) {
      const prevMonth = now.month === 1 ? 12 : now.month - 1;
      const prevYear = now.month === 1 ? now.year - 1 : now.year;
      if (prev === 'last') push(i, now.day, now.day - 1 + daysInMonth(prevYear, prevMonth));
      else push(i, 0, now.day - 1);
    } else if (MONTHS.has(tok)) {
      const month = MONTHS.get(tok) ?? 1;
      const nextDay = DAY_OF_MONTH.exec(t[i + 1] ?? '');
      // "the 3rd of March", and "since 3 March" (a day before the month's name only after a word that dates).
      const priorDay =
        t[i - 1] === 'of' ? DAY_OF_MONTH.exec(t[i - 2] ?? '') : MONTH_CONTEXT.has(t[i - 2] ?? '') ? DAY_OF_MONTH.exec(t[i - 1] ?? '') : null;
      const dayMatch = nextDay ?? priorDay;
      const day = dayMatch ? Number(dayMatch[1]) : null;
      const context = MONTH_CONTEXT.has(prev) || (prev === 'the' && MONTH_CONTEXT.has(t[i - 2] ?? '')) || day !== null;
      if (!context || (tok === 'may' && day === null && !['since', 'in', 'from', 'early', 'mid', 'late', 'of', 'around', 'last'].includes(prev))) return;
      if (day !== null && (day < 1 || day > 31)) return;
      const part = prev === 'of' ? t[i - 2] ?? '' : prev;
      // "since March 3, 2025", "since 3 March 2025": the year told; otherwise the last such day.
      const yearAt = i + (nextDay ? 2 : 1) + (t[i + (nextDay ? 2 : 1)] === ',' ? 1 : 0);
      const told = /^(19|20)\d\d$/.test(t[yearAt] ?? '') ? Number(t[yearAt]) : null;
      if (told !== null && (told > now.year || (told === now.year && (month > now.month || (month === now.month && (day ?? 1) > now.day))))) return;
      const year = told ?? (month < now.month || (month === now.month && (day ?? 1) <= now.day) ? now.year : now.year - 1);
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
  // "the may long weekend" names Victoria Day, not whichever long weekend came last.
  const named: { from: number; to: number }[] = [];
  const holidays = r.lang.holidays;
  const daysSinceHoliday = (h: Holiday): number => daysSince(mostRecent(r.ctx, (year) => holidayOn(h, year)), r.ctx);
  for (const h of [...holidays.filter((x) => !x.latestOf), ...holidays.filter((x) => x.latestOf)]) {
    for (const name of h.names) {
      const at = padded.indexOf(` ${name} `);
      if (at < 0 || named.some((n) => n.from <= at && at + name.length <= n.to)) continue;
      named.push({ from: at, to: at + name.length + 1 });
      const index = padded.slice(0, at + 1).split(' ').filter((x) => x.length > 0).length;
      if (h.latestOf) {
        // The weekend around the holiday: up to two days before it.
        const d = Math.min(...holidays.filter((x) => !x.latestOf && h.latestOf?.includes(x.names[0])).map(daysSinceHoliday));
        push(index, d, d + 2);
      } else {
        const d = daysSinceHoliday(h);
        push(index, d, d);
      }
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
export function fromNumericDates(raw: string, r: Reader): DayRange[] {
  const out: DayRange[] = [];
  if (!/\d{1,4}[/.-]\d{1,2}/.test(raw)) return out; // chrono is slow; only numeric dates need it
  const results = chrono().parse(raw, { instant: r.ctx.now, timezone: offsetMinutes(r.ctx) });
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

