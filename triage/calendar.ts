// Calendar arithmetic in the clinic's time zone, on whole days.

/** The injected clock and the clinic's time zone (CLINIC_TZ). */
export interface ParseContext {
  now: Date;
  timeZone: string;
  /** Whether the options were shown numbered (SMS): only then does a bare number ("3", "1, 4") pick options. Unset means numbered. */
  optionsNumbered?: boolean;
}

export interface CalendarDay {
  year: number;
  month: number; // 1-12
  day: number;
}

const MS_PER_DAY = 86_400_000;

/** Building an Intl formatter costs far more than using one: one per zone and shape, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, shape: 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${shape} ${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = shape === 'date' ? { year: 'numeric', month: 'numeric', day: 'numeric' } : { hour: 'numeric', minute: 'numeric', hourCycle: 'h23' };
    found = new Intl.DateTimeFormat('en-CA', { timeZone, ...options });
    formatters.set(key, found);
  }
  return found;
}

function partsOf(parts: Intl.DateTimeFormatPart[], type: string, fallback: number): number {
  return Number(parts.find((p) => p.type === type)?.value ?? fallback);
}

/** Today's date where the clinic is. */
export function today(ctx: ParseContext): CalendarDay {
  const parts = formatter(ctx.timeZone, 'date').formatToParts(ctx.now);
  return { year: partsOf(parts, 'year', NaN), month: partsOf(parts, 'month', NaN), day: partsOf(parts, 'day', NaN) };
}

/** The zone's offset from UTC in minutes at `now` (for chrono's reference). */
export function offsetMinutes(ctx: ParseContext): number {
  const t = today(ctx);
  const parts = formatter(ctx.timeZone, 'time').formatToParts(ctx.now);
  const local = Date.UTC(t.year, t.month - 1, t.day, partsOf(parts, 'hour', 0), partsOf(parts, 'minute', 0));
  const utc = Math.floor(ctx.now.getTime() / 60_000) * 60_000;
  return Math.round((local - utc) / 60_000);
}

export function dayNumber(d: CalendarDay): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY);
}

export function fromDayNumber(n: number): CalendarDay {
  const date = new Date(n * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayOf(d: CalendarDay): number {
  return (new Date(dayNumber(d) * MS_PER_DAY).getUTCDay() + 6) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The nth (1-based) given weekday (0 = Monday) of a month. */
export function nthWeekday(year: number, month: number, weekday: number, nth: number): CalendarDay {
  const first = weekdayOf({ year, month, day: 1 });
  return { year, month, day: 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7 };
}

/** The last given weekday strictly before a day of the month (Victoria Day: Monday before May 25). */
export function weekdayBefore(year: number, month: number, weekday: number, beforeDay: number): CalendarDay {
  const before = { year, month, day: beforeDay };
  const back = ((weekdayOf(before) - weekday + 7) % 7) || 7;
  return fromDayNumber(dayNumber(before) - back);
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): CalendarDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** Days from `d` to today; the most recent past occurrence of a yearly date is chosen by the caller. */
export function daysSince(d: CalendarDay, ctx: ParseContext): number {
  return dayNumber(today(ctx)) - dayNumber(d);
}

/** The latest occurrence on or before today of a date computed per year. */
export function mostRecent(ctx: ParseContext, forYear: (year: number) => CalendarDay): CalendarDay {
  const t = today(ctx);
  const thisYear = forYear(t.year);
  return dayNumber(thisYear) <= dayNumber(t) ? thisYear : forYear(t.year - 1);
}
