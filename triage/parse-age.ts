// "I'm 58", "my 12 year old", "in my 60s", "teenager" -> an age band.
import { CalendarDay, ParseContext, today } from './calendar';
import { AgeBand } from './ids';
import { Language } from './language';
import { affirms, findHits } from './phrases';
import { AgeBandRange } from './protocol';
import { dayOfMonth, isMonthName, monthNumber } from './parse-dates';
import { ReadMode } from './parse-duration';
import { keepClauses, Normalized } from './text';

const NUMBER = /^\d+(?:\.\d+)?$/;
const DECADE_WORDS: ReadonlyMap<string, number> = new Map([
  ['teens', 13], ['twenties', 20], ['thirties', 30], ['forties', 40], ['fourties', 40], ['fifties', 50],
  ['sixties', 60], ['seventies', 70], ['eighties', 80], ['nineties', 90],
]);
const NOT_AGE_UNITS = new Set([
  'day', 'days', 'week', 'weeks', 'km', 'k', 'miles', 'mile', 'mi', 'out', 'times', 'percent', 'kg', 'kgs', 'lbs', 'lb', 'pounds',
  'minutes', 'minute', 'hours', 'hour', 'am', 'pm', 'x', 'min', 'mins', 'steps', 'kilometers', 'kilometres', 'metres', 'meters', 'marathons',
  'races', 'runs', 'laps', '/', 'or', 'to', 'ks', 'kms', 'halfs', 'halves', 'sets', 'reps', 'kids', 'children', 'grandkids', 'grandchildren',
  // Times in the other languages people slip into ("3 semanas"): no age.
  'semana', 'semanas', 'mes', 'meses', 'dia', 'dias', 'semaine', 'semaines', 'mois', 'jour', 'jours', 'wochen', 'monate', 'tage',
]);

interface YearRange {
  lo: number;
  hi: number;
  /** "over 50", "under 18": every age on one side, so it names a band only if it stays within one. */
  open?: boolean;
}

function decadeAt(tokens: readonly string[], i: number): { start: number; base: number } | null {
  const t = tokens[i];
  if (DECADE_WORDS.has(t)) return { start: i, base: DECADE_WORDS.get(t) ?? 0 };
  if (/^[1-9]0$/.test(t) && tokens[i + 1] === 's') return { start: i, base: Number(t) };
  return null;
}

function decades(tokens: readonly string[], mode: ReadMode): YearRange[] {
  const out: YearRange[] = [];
  tokens.forEach((_, i) => {
    const d = decadeAt(tokens, i);
    if (!d) return;
    const part = tokens[i - 1] ?? '';
    const owner = ['early', 'mid', 'late'].includes(part) ? tokens[i - 2] ?? '' : part;
    if (mode === 'mention' && !['my', 'his', 'her', 'their', 'our'].includes(owner)) return;
    const top = d.base === 13 ? 19 : d.base + 9;
    if (part === 'early') out.push({ lo: d.base, hi: d.base === 13 ? 15 : d.base + 3 });
    else if (part === 'mid') out.push({ lo: d.base === 13 ? 14 : d.base + 3, hi: d.base === 13 ? 16 : d.base + 6 });
    else if (part === 'late') out.push({ lo: d.base === 13 ? 17 : d.base + 6, hi: top });
    else out.push({ lo: d.base, hi: top });
  });
  return out;
}

/**
 * "born in 1957", "born '90", or a bare year in reply to the age question ("1979"): the age this year, or a year less if
 * the birthday is still to come.
 */
function birthYear(tokens: readonly string[], i: number, mode: ReadMode, dayNow: () => CalendarDay): YearRange | null {
  const t = tokens[i];
  const born = tokens[i - 1] === 'born' || (tokens[i - 1] === 'in' && tokens[i - 2] === 'born');
  const fourDigits = /^\d{4}$/.test(t) && (born || mode === 'answer');
  if (!fourDigits && !(/^\d{2}$/.test(t) && born)) return null;
  // The clinic clock is read only for a number that may be a year.
  const thisYear = dayNow().year;
  const year = fourDigits ? Number(t) : Number(t) + (Number(t) > thisYear % 100 ? 1900 : 2000);
  if (year < thisYear - 120 || year > thisYear) return null;
  const age = thisYear - year;
  return { lo: Math.max(0, age - 1), hi: age };
}

interface BirthDate {
  range: YearRange;
  /** The tokens the date takes (day, month and year), which are no ages of their own. */
  from: number;
  to: number;
}

/** The age on `now` of someone born on that day; a day and month read either way round give the range of both. */
function ageOn(now: CalendarDay, year: number, dates: ReadonlyArray<{ month: number; day?: number }>): YearRange | null {
  const ages = dates.map(({ month, day }) => {
    const before = month > now.month || (month === now.month && day !== undefined && day > now.day);
    const unsure = month === now.month && day === undefined;
    return { lo: now.year - year - (before || unsure ? 1 : 0), hi: now.year - year - (before ? 1 : 0) };
  });
  if (ages.length === 0) return null;
  const lo = Math.min(...ages.map((a) => a.lo));
  const hi = Math.max(...ages.map((a) => a.hi));
  return lo < 0 || hi > 120 ? null : { lo, hi };
}

/**
 * "born 3 March 1971", "Dec 2, 1971", "the 3rd of March 1971", "03/03/1971", "born March 2010": a birth date with its month
 * tells the age to the year (a year less while the birthday is still to come), and its day number is no age. In a reply to
 * the age question any such date is a birth date; in passing, only after a birth word.
 */
function birthDates(tokens: readonly string[], mode: ReadMode, birthWords: ReadonlySet<string>, dayNow: () => CalendarDay): BirthDate[] {
  const out: BirthDate[] = [];
  tokens.forEach((t, i) => {
    const numeric = tokens[i - 1] === '/' && tokens[i - 3] === '/' && /^\d{1,2}$/.test(tokens[i - 2] ?? '') && /^\d{1,2}$/.test(tokens[i - 4] ?? '');
    if (!/^\d{4}$/.test(t) && !(numeric && /^\d{2}$/.test(t))) return;
    let k = tokens[i - 1] === ',' ? i - 2 : i - 1;
    let dates: Array<{ month: number; day?: number }> = [];
    if (numeric) {
      const [a, b] = [Number(tokens[i - 4]), Number(tokens[i - 2])];
      if (a >= 1 && a <= 12 && b >= 1 && b <= 31) dates.push({ month: a, day: b });
      if (b >= 1 && b <= 12 && a >= 1 && a <= 31) dates.push({ month: b, day: a });
      k = i - 5;
    } else if (monthNumber(tokens[k] ?? '') !== undefined) {
      // "3 March 1971", "the 3rd of March 1971", "March 1971"
      const month = monthNumber(tokens[k]) ?? 1;
      const dayAt = tokens[k - 1] === 'of' ? k - 2 : k - 1;
      const day = dayOfMonth(tokens[dayAt] ?? '');
      dates = [{ month, day }];
      k = day === undefined ? k - 1 : dayAt - 1;
    } else if (dayOfMonth(tokens[k] ?? '') !== undefined && monthNumber(tokens[k - 1] ?? '') !== undefined) {
      // "Dec 2 1971", "March 3rd, 1971"
      dates = [{ month: monthNumber(tokens[k - 1]) ?? 1, day: dayOfMonth(tokens[k]) }];
      k -= 2;
    }
    if (dates.length === 0) return;
    const from = k + 1;
    if (mode !== 'answer' && !tokens.slice(Math.max(0, from - 3), from).some((w) => birthWords.has(w))) return;
    const now = dayNow();
    const year = /^\d{4}$/.test(t) ? Number(t) : Number(t) + (Number(t) > now.year % 100 ? 1900 : 2000);
    const range = ageOn(now, year, dates);
    if (range) out.push({ range, from, to: i });
  });
  return out;
}

const FEEL = new Set(['feel', 'feels', 'felt', 'feeling']);

/** "58. Had the right hip replaced in 2015": a year after one of these dates something else, unless it follows "born". */
const EVENT_YEAR_AFTER = new Set(['in', 'since', 'from', 'until', 'till', 'by', 'back', 'around', 'before', 'after']);

/** The number at `i` follows "feel(s) [like] [about|around] [a|an]". */
function feltAge(tokens: readonly string[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && ['like', 'about', 'around', 'a', 'an', 'at', 'least', 'over'].includes(tokens[k]) && i - k <= 3) k--;
  return k >= 0 && FEEL.has(tokens[k]);
}

function numbers(tokens: readonly string[], mode: ReadMode, lang: Language, dayNow: () => CalendarDay): YearRange[] | null {
  const grades = lang.schoolGrades;
  const subjects = lang.ageWords.subjects;
  const dates = birthDates(tokens, mode, lang.ageWords.birth, dayNow);
  const out: YearRange[] = dates.map((d) => d.range);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (dates.some((d) => d.from <= i && i <= d.to)) continue;
    if (!NUMBER.test(t) || decadeAt(tokens, i)) continue;
    const next = tokens[i + 1] ?? '';
    const prev = tokens[i - 1] ?? '';
    const n = Number(t);
    if (/^\d{4}$/.test(t) && EVENT_YEAR_AFTER.has(prev) && !(prev === 'in' && tokens[i - 2] === 'born')) continue;
    const year = birthYear(tokens, i, mode, dayNow);
    if (year) {
      out.push(year);
      continue;
    }
    if (prev === 'grade') {
      // A school grade in reply to the age question ("grade 12"): the ages of that grade, from the phrase data.
      // Told in passing, only "in grade 12" ("a grade 2 sprain" is no age), and not "when I was in grade 8" (long past).
      const past = grades.pastWords.has(tokens[i - 3] ?? '');
      const told = !past && (mode === 'answer' || tokens[i - 2] === 'in');
      if (told && Number.isInteger(n) && n >= 1 && n <= grades.last) out.push({ lo: n + grades.ageFrom, hi: n + grades.ageTo });
      continue;
    }
    // "8 out of 10", "a grandmother of 3": a score, or children counted.
    if (NOT_AGE_UNITS.has(next) || (prev === 'of' && (tokens[i - 2] === 'out' || lang.ageWords.parents.has(tokens[i - 2] ?? '')))) continue;
    // "my back feels about 80", "I feel like 90 some mornings": how old something feels is no age.
    if (feltAge(tokens, i)) continue;
    const months = next === 'months' || next === 'month';
    if (mode === 'mention') {
      const aged = (next === 'years' || next === 'year') && tokens[i + 2] === 'old';
      const said = (prev === 'am' && tokens[i - 2] === 'i') || prev === 'aged' || prev === 'age' || prev === 'turned' || prev === 'turning';
      // "my son is 12", and "my daughter (14)" as people write it in brackets.
      const bracketed = prev === ',' && next === ',' ? tokens[i - 2] ?? '' : prev;
      const subject = (prev === 'is' && subjects.has(tokens[i - 2] ?? '')) || (bracketed !== 'i' && bracketed !== 'they' && subjects.has(bracketed) && tokens[i - (bracketed === prev ? 2 : 3)] === 'my');
      const monthsOld = months && tokens[i + 2] === 'old';
      if (!aged && !said && !subject && !monthsOld) continue;
    } else if (['years', 'year', 'months', 'month'].includes(next) && (tokens[i + 2] === 'ago' || ['for', 'past', 'last'].includes(prev) || tokens.slice(Math.max(0, i - 3), i).includes('been'))) {
      continue; // "for 2 years", "it's been about 2 months" in an age answer is a time, not an age
    }
    if (months) {
      if (tokens[i + 2] === 'old' || mode === 'answer') out.push({ lo: 0, hi: Math.ceil(n / 12) });
      continue;
    }
    if (!Number.isInteger(n) || n < 0 || n > 120) {
      if (mode === 'answer') return null;
      continue;
    }
    // "turning 16", "he turns 16 in March", "almost 55", "15 going on 16", "I'll be 55 next month", "55 in January": the year before, too.
    const approaching =
      ['turning', 'turns', 'turn', 'almost', 'nearly', 'be'].includes(prev) || (prev === 'on' && tokens[i - 2] === 'going') || next === 'next' || (next === 'in' && isMonthName(tokens[i + 2] ?? ''));
    // "fifty something", "sixty odd": the decade, as "in my fifties" is.
    if (n % 10 === 0 && n >= 20 && (next === 'something' || next === 'odd' || next === 'somethin')) out.push({ lo: n, hi: n + 9 });
    else if (prev === 'over' || prev === 'above') out.push({ lo: n + 1, hi: 120, open: true });
    else if (prev === 'under' || prev === 'below') out.push({ lo: 0, hi: Math.max(0, n - 1), open: true });
    else out.push(approaching ? { lo: n - 1, hi: n } : { lo: n, hi: n });
  }
  return out;
}

function within(band: AgeBandRange, age: number): boolean {
  return age >= band.min && (band.max === null || age <= band.max);
}

/** An age range reaching the older band counts as older, one reaching the child band as a child. */
function bandOf(bands: readonly AgeBandRange[], range: YearRange): AgeBand {
  const last = bands[bands.length - 1];
  if (within(last, range.hi)) return last.code;
  const band = bands.find((b) => within(b, range.lo));
  return band ? band.code : bands[0].code;
}

/** Reads an age; null when there is none, or several different ones. */
/** Words that put a clause on the writer: a parent's own age told beside the child's ("I'm her mum, I'm 47"). */
const FIRST_PERSON = new Set(['i', 'im', 'me', 'myself']);

export function parseAge(lang: Language, text: Normalized, mode: ReadMode, bands: readonly AgeBandRange[], ctx: ParseContext): AgeBand | null {
  const read = readAge(lang, text, mode, bands, ctx);
  if (read !== null || mode !== 'answer') return read;
  // "She's 15. I'm her mum, I'm 47": a parent telling of their child; the child's age is the one asked for. "I'm 45. My
  // son's 12 but it's my knee": the writer's own knee; their own age is.
  const parent = affirms(lang.parentTelling, text, lang.negation);
  if (!parent && !affirms(lang.selfTelling, text, lang.negation)) return read;
  const kept = keepClauses(text, (clause) => clause.tokens.some((t) => FIRST_PERSON.has(t)) !== parent);
  return kept.tokens.length === 0 ? null : readAge(lang, kept, mode, bands, ctx);
}

function readAge(lang: Language, text: Normalized, mode: ReadMode, bands: readonly AgeBandRange[], ctx: ParseContext): AgeBand | null {
  let now: CalendarDay | undefined;
  const found = numbers(text.tokens, mode, lang, () => (now ??= today(ctx)));
  if (found === null) return null;
  found.push(...decades(text.tokens, mode));
  // "over 55" is older, but "over 50" could be either side of 55: asked again rather than guessed.
  if (found.some((r) => r.open && !bands.some((b) => within(b, r.lo) && within(b, r.hi)))) return null;
  const distinct = new Set(found.map((r) => `${r.lo}-${r.hi}`));
  // "54, 55 in January": the age told exactly, when every other reading allows it.
  const exact = new Set(found.filter((r) => r.lo === r.hi).map((r) => r.lo));
  if (distinct.size > 1 && exact.size === 1) {
    const [age] = exact;
    if (found.every((r) => r.lo <= age && age <= r.hi)) return bandOf(bands, { lo: age, hi: age });
  }
  if (distinct.size > 1) {
    const codes = new Set(found.map((r) => bandOf(bands, r)));
    return codes.size === 1 ? [...codes][0] : null;
  }
  if (found.length > 0) return bandOf(bands, found[0]);
  const words = lang.codes.get('age');
  if (!words) return null;
  const named: AgeBand[] = [];
  for (const band of bands) {
    const phrases = words.get(band.code);
    if (!phrases) continue;
    const set = mode === 'answer' ? phrases.answer : phrases.mention;
    if (findHits(set, text, lang.negation).some((h) => !h.negated)) named.push(band.code);
  }
  return named.length === 1 ? named[0] : null;
}
