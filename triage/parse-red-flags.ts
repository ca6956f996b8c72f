// Warning signs in free text: "no fever but it's swollen and hot" -> hot_swollen.
// One reader serves the red_flags answer, volunteered asides and emergency detection.
import { ParseContext } from './calendar';
import { RedFlag } from './ids';
import { CodePhrases, Language } from './language';
import { parseDuration, ReadMode } from './parse-duration';
import { affirms, findHits, Hit } from './phrases';
import { DurationBandRange } from './protocol';
import { BREAK, clauseAt, Normalized } from './text';


/**
 * A warning sign told as history ("surgery 2 years ago", "dislocated it in high school") does not count
 * as current. The clause must say it is past: "short of breath for 2 weeks", or "knee sore 2 wks and
 * now short of breath", is now.
 */
function isHistory(lang: Language, text: Normalized, hit: Hit, ctx: ParseContext, days: number, bands: readonly DurationBandRange[]): boolean {
  const clause = clauseAt(text, hit.start);
  if (affirms(lang.longAgoMarkers, clause, lang.negation)) return true;
  if (!affirms(lang.historyMarkers, clause, lang.negation)) return false;
  const when = parseDuration(lang, clause, clause.tokens.join(' '), ctx, 'answer', bands);
  return when !== null && when.lo > days;
}

/** Whether tokens `a` and `b` sit in the same clause (no break between them). */
function sameClause(text: Normalized, a: number, b: number): boolean {
  for (let i = Math.min(a, b); i < Math.max(a, b); i++) if (text.tokens[i] === BREAK) return false;
  return true;
}

/** A short reply that names only symptoms that are not warning signs ("it clicks a lot"). */
function onlyBenign(lang: Language, text: Normalized): boolean {
  return text.tokens.length <= 10 && affirms(lang.benignSymptoms, text, lang.negation);
}

export interface RedFlagReading {
  flags: RedFlag[];
  /** The answer said "none of these" (and named nothing). */
  none: boolean;
}

/** Reads warning signs. `answer` mode is the reply to the red_flags question, which allows shorter words. */
export function readRedFlags(
  lang: Language,
  text: Normalized,
  ctx: ParseContext,
  mode: ReadMode,
  bands: readonly DurationBandRange[],
): RedFlagReading {
  const setOf = (p: CodePhrases) => (mode === 'answer' ? p.answer : p.mention);
  const codes = lang.codes.get('red_flags') ?? new Map<string, CodePhrases>();
  // "My calf is red and swollen" is about the calf, not a hot swollen knee.
  const calf = codes.get('calf_swelling');
  const calfSpans = calf ? findHits(setOf(calf), text, lang.negation) : [];
  // Heat or swelling in a clause about the calf that names no knee is the calf's too ("my calf is swollen and kinda red").
  const namesKnee = (at: number): boolean => affirms(setOf(lang.cues.knee), clauseAt(text, at), lang.negation);
  const calfClauses = calfSpans.filter((c) => !c.negated && !namesKnee(c.start));
  // And so is the clause just after one that names no knee: "my calf is swollen and tender, kind of red too".
  const clauseIndex = (at: number): number => text.tokens.slice(0, at).filter((t) => t === BREAK).length;
  const followsCalf = (h: Hit): boolean => calfClauses.some((c) => clauseIndex(h.start) === clauseIndex(c.start) + 1) && !namesKnee(h.start);
  const insideCalf = (h: Hit): boolean =>
    calfSpans.some((c) => c.start <= h.start && h.end <= c.end) || calfClauses.some((c) => sameClause(text, c.start, h.start)) || followsCalf(h);
  // Signs set aside (history, "hip surgery", "the swelling went down") still answer the question.
  let setAside = false;
  const present = (p: CodePhrases, flag?: RedFlag): boolean => {
    const set = setOf(p);
    const hits = findHits(set, text, lang.negation).filter((h) => !h.negated && (flag !== undefined || !insideCalf(h)));
    if (findHits({ patterns: set.patterns, except: [] }, text, lang.negation).some((h) => !h.negated) && hits.length === 0) setAside = true;
    const days = flag ? lang.historyDays.get(flag) : undefined;
    const current = days === undefined ? hits : hits.filter((h) => !isHistory(lang, text, h, ctx, days, bands));
    if (current.length < hits.length) setAside = true;
    return current.length > 0;
  };
  const flags = new Set<RedFlag>();
  const direct: RedFlag[] = [
    'deformity', 'calf_swelling', 'breathless', 'cold_pale_foot', 'tingling', 'cannot_walk', 'locked', 'giving_way',
    'night_pain_weight_loss', 'recent_surgery',
  ];
  for (const flag of direct) {
    const phrases = codes.get(flag);
    if (phrases && present(phrases, flag)) flags.add(flag);
  }

  // Numbness told as history ("numb after a nerve block last year") is set aside as the foot's other signs are.
  if (present(lang.cues.numb, 'cold_pale_foot')) flags.add(present(lang.cues.intermittent) ? 'tingling' : 'cold_pale_foot');
  const fever = present(lang.cues.fever, 'fever_hot_swollen');
  const heat = present(lang.cues.heat);
  const swelling = present(lang.cues.swelling);
  if (fever && (heat || swelling || mode === 'answer')) flags.add('fever_hot_swollen');
  else if (heat && (swelling || mode === 'answer')) flags.add('hot_swollen');
  else if (swelling) flags.add('swollen');

  const noneSaid = codes.get('none');
  const none =
    flags.size === 0 &&
    mode === 'answer' &&
    noneSaid !== undefined &&
    !affirms(lang.unsure, text, lang.negation) &&
    (setAside || affirms(noneSaid.answer, text, lang.negation) || onlyBenign(lang, text));
  return { flags: [...flags], none };
}
