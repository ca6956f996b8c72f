// Warning signs in free text: "no fever but it's swollen and hot" -> hot_swollen.
// One reader serves the red_flags answer, volunteered asides and emergency detection.
import { ParseContext } from './calendar';
import { RedFlag } from './ids';
import { CodePhrases, Language } from './language';
import { parseDuration, ReadMode } from './parse-duration';
import { affirms, answeredNo, findHits, Hit, matchesAtStart } from './phrases';
import { DurationBandRange } from './protocol';
import { BREAK, clauseAt, clauseBounds, fromTokens, Normalized } from './text';


/**
 * A warning sign told as history ("surgery 2 years ago", "dislocated it in high school") does not count
 * as current. The clause must say it is past: "short of breath for 2 weeks", or "knee sore 2 wks and
 * now short of breath", is now, and so is a sign told after the time with a word of now ("dislocated it
 * in 2019 and now it popped out again").
 */
function isHistory(lang: Language, text: Normalized, hit: Hit, ctx: ParseContext, days: number, bands: readonly DurationBandRange[]): boolean {
  if (toldLongAgo(lang, text, hit)) return true;
  const { clause, at } = withTimeAfter(lang, text, hit);
  const markers = findHits(lang.historyMarkers, clause, lang.negation).filter((m) => !m.negated);
  if (markers.length === 0) return false;
  // "surgery 2 years ago and now it's hot and swollen": a sign told after the time, as now, is now.
  if (markers.every((m) => m.start < at && nowAfter(lang, clause, m))) return false;
  const when = parseDuration(lang, clause, clause.tokens.join(' '), ctx, 'answer', bands);
  return when !== null && when.lo > days;
}

/** The clause around a hit, where in it the hit starts, and where it ends in the whole text. */
function clauseOf(text: Normalized, hit: Hit): { clause: Normalized; at: number; end: number } {
  const { start, end } = clauseBounds(text, hit.start);
  return { clause: fromTokens(text.tokens.slice(start, end)), at: hit.start - start, end };
}

/** Most words of a clause that only says when ("ten years back", "back in 2015"). */
const TIME_CLAUSE_WORDS = 4;

/** "I had a replacement, ten years back", "..., but that was in 2019": a short clause of history markers just after the sign's is read with it. */
function withTimeAfter(lang: Language, text: Normalized, hit: Hit): { clause: Normalized; at: number } {
  const found = clauseOf(text, hit);
  const { end } = found;
  if (text.tokens[end] !== BREAK) return found;
  const next = clauseAt(text, end + 1);
  const lead = matchesAtStart(lang.timeClauseLeads, next)?.end ?? 0;
  if (next.tokens.length === 0 || next.tokens.length - lead > TIME_CLAUSE_WORDS) return found;
  if (!findHits(lang.historyMarkers, next, lang.negation).some((m) => !m.negated)) return found;
  return { clause: fromTokens([...found.clause.tokens, ...next.tokens]), at: found.at };
}

/** A word of now ("now", "again", "still") after a marker of time in the clause. */
function nowAfter(lang: Language, clause: Normalized, marker: Hit): boolean {
  return findHits(lang.longAgoOnly.now, clause, lang.negation).some((n) => !n.negated && n.start >= marker.end);
}

/**
 * A sign its clause puts long ago: a long-ago marker after it ("it was swollen last year"), or before it with no word
 * of now after the marker ("when I was 16 ... and now my knee locks", "swollen last year and swollen again" are now);
 * not one after "since" ("locking since last year").
 */
function toldLongAgo(lang: Language, text: Normalized, sign: Hit): boolean {
  const { clause, at } = clauseOf(text, sign);
  const markers = findHits(lang.longAgoMarkers, clause, lang.negation).filter((m) => !m.negated && !lang.longAgoOnly.ongoing.has(clause.tokens[m.start - 1] ?? ''));
  return markers.some((m) => m.start > at || !nowAfter(lang, clause, m));
}

/** Where the clause after the one at `at` ends (or that clause's own end, when it is the last). */
function nextClauseEnd(text: Normalized, at: number): number {
  const { end } = clauseBounds(text, at);
  return text.tokens[end] === BREAK ? clauseBounds(text, end + 1).end : end;
}

/** A sign that went after it, in its clause or the next: "a little puffy after my long run, but it settled by the evening". */
function wentAfter(lang: Language, text: Normalized, sign: Hit): boolean {
  return findHits(lang.longAgoOnly.resolved, fromTokens(text.tokens.slice(sign.end, nextClauseEnd(text, sign.start))), lang.negation).some((h) => !h.negated);
}

/** Whether tokens `a` and `b` sit in the same clause (no break between them). */
function sameClause(text: Normalized, a: number, b: number): boolean {
  for (let i = Math.min(a, b); i < Math.max(a, b); i++) if (text.tokens[i] === BREAK) return false;
  return true;
}

/** Whether a contrast word ("but", "now") stands between two places of a text. */
function contrastBetween(lang: Language, text: Normalized, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (lang.contrast.has(text.tokens[i])) return true;
  return false;
}

/** A short reply that names only symptoms that are not warning signs ("it clicks a lot"). */
function onlyBenign(lang: Language, text: Normalized): boolean {
  return text.tokens.length <= 10 && affirms(lang.benignSymptoms, text, lang.negation);
}

/** Whether a text tells of a fever now (not one told as past): kept by the check until the warning-sign question is answered. */
export function toldFever(lang: Language, text: Normalized, ctx: ParseContext, bands: readonly DurationBandRange[]): boolean {
  const days = lang.historyDays.get('fever_hot_swollen');
  const hits = findHits(lang.cues.fever.mention, text, lang.negation).filter((h) => !h.negated);
  return hits.some((h) => days === undefined || !isHistory(lang, text, h, ctx, days, bands));
}

/** A clause that tells of someone else ("my husband's calf is swollen") and names none of one's own body ("my wife says my calf..."). */
export function aboutSomeoneElse(lang: Language, clause: Normalized): boolean {
  return affirms(lang.elsewhere, clause, lang.negation) && !affirms(lang.ownBody, clause, lang.negation);
}

/** A clause that puts what it tells on the writer ("I had my own knee scoped") and names no third person ("his knee is swollen"). */
export function writersOwnClause(lang: Language, clause: Normalized): boolean {
  return affirms(lang.writersOwn, clause, lang.negation) && !affirms(lang.thirdPerson, clause, lang.negation);
}

export interface RedFlagReading {
  flags: RedFlag[];
  /** The answer said "none of these" (and named nothing). */
  none: boolean;
}

/** Signs only the knee or the foot can show, which another part of the body named in their clause takes away. */
const OF_KNEE_OR_FOOT: ReadonlySet<RedFlag> = new Set(['hot_swollen', 'swollen', 'cold_pale_foot']);
/** Words a part of the body may stand before the sign told of it: "my shoulder is swollen", "my hands went kind of white". */
const PART_REACH = 4;

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
  // "it's red and swollen and the calf below it is sore": what is told before "and the calf", where nothing named the calf
  // yet, is the knee's ("my calf is sore and swollen and the calf feels hot" is all the calf's).
  let calfJoins: readonly Hit[] | undefined;
  const beforeCalfJoined = (h: Hit): boolean => {
    calfJoins ??= findHits(lang.cues.calfJoined.mention, text, lang.negation);
    return (
      calfJoins.some((j) => h.end <= j.start && sameClause(text, h.start, j.start)) && !calfSpans.some((c) => c.start < h.start && sameClause(text, c.start, h.start))
    );
  };
  const insideCalf = (h: Hit): boolean =>
    !beforeCalfJoined(h) &&
    (calfSpans.some((c) => c.start <= h.start && h.end <= c.end) || calfClauses.some((c) => sameClause(text, c.start, h.start)) || followsCalf(h));
  // "No. My dad had a knee replacement last month": after a plain no, a sign in a clause about someone else is theirs. Only
  // after a plain no: a parent doing the check for a child tells the child's signs the same way, without one.
  // "None of those. My brother had a clot once" is as plain a no as "No." is.
  const noneSaid = codes.get('none');
  const plainNo = mode === 'answer' && [lang.no, noneSaid?.answer].some((set) => set !== undefined && text.tokens[matchesAtStart(set, text)?.end ?? 0] === BREAK);
  // So is one beside the writer's own, set against it: "my mum's knees swell up like grapefruits, but mine isn't swollen".
  const setAgainstOwn = plainNo || affirms(lang.ownContrast, text, lang.negation);
  // And so is another's operation or illness told as theirs beside the writer's own knee: "my knee's been sore for 3 weeks. My
  // mom had a blood clot in her leg", "my husband had knee surgery in October so he told me to check mine". Not "my son had
  // knee surgery and now it's hot": a parent tells a child's signs so, with no word of a knee of their own.
  // The other way round: "I had my own knee scoped last month, but this is about my daughter": the writer's own signs, told
  // beside a check done for someone else, are not the patient's. Both are read once, and only when a sign is told.
  let ownKneeTold: boolean | undefined;
  let forAnother: boolean | undefined;
  const someoneElses = (h: Hit): boolean => {
    const clause = clauseAt(text, h.start);
    forAnother ??= affirms(lang.askingForAnother, text, lang.negation);
    if (forAnother && writersOwnClause(lang, clause)) return true;
    if (!setAgainstOwn) ownKneeTold ??= affirms(lang.ownKneeTold, text, lang.negation);
    return (setAgainstOwn || (ownKneeTold === true && affirms(lang.theirHistory, clause, lang.negation))) && aboutSomeoneElse(lang, clause);
  };
  // "no swelling, well maybe a little (but not hot)": a sign denied, then granted by a hedge in the clause after, is told.
  const grantedAfter = (h: Hit): boolean => {
    if (mode !== 'answer') return false;
    let at = h.end;
    while (at < text.tokens.length && text.tokens[at] !== BREAK) at++;
    let rest = fromTokens(text.tokens.slice(at + 1));
    let opened = false;
    for (const set of [lang.softCorrections, lang.doubt]) {
      const lead = matchesAtStart(set, rest);
      if (lead) {
        rest = fromTokens(rest.tokens.slice(lead.end));
        opened = true;
      }
    }
    const hedge = matchesAtStart(lang.hedge, rest);
    if (!opened || !hedge) return false;
    const after = rest.tokens[hedge.end];
    return after === undefined || after === BREAK || lang.contrast.has(after);
  };
  // "My hands went white (that's my Raynaud's)", "my shoulder is swollen from that fall": heat, swelling or colour told just
  // after another part of the body, in a clause that names neither the knee nor the leg, is not the knee's or the foot's
  // ("it's warm when I put my hand on it" is the knee's). Heat and swelling told just after the ankle, the foot or the thigh
  // are theirs too ("my ankle's still a bit swollen, but the knee isn't"), where the clause names no knee and no other word
  // of the leg than those parts; the foot's colour is the foot's own sign.
  // The parts named are found once for the text, and only when a sign of the knee or the foot is told.
  let partsNamed: readonly Hit[] | undefined;
  let limbNamed: readonly Hit[] | undefined;
  const near = (parts: readonly Hit[], h: Hit): boolean =>
    parts.some((part) => part.end <= h.start && h.start - part.end <= PART_REACH && sameClause(text, part.start, h.start));
  const otherPart = (h: Hit, flag: RedFlag): boolean => {
    partsNamed ??= findHits(lang.cues.otherBody.mention, text, lang.negation);
    const clause = clauseAt(text, h.start);
    if (affirms(lang.cues.knee.mention, clause, lang.negation)) return false;
    if (near(partsNamed, h)) return !affirms(lang.cues.leg.mention, clause, lang.negation);
    if (flag === 'cold_pale_foot') return false;
    limbNamed ??= findHits(lang.cues.limbNotKnee.mention, text, lang.negation);
    // The leg's words include those parts: the clause names no other when it names no more of them.
    const limbHere = limbNamed.filter((l) => sameClause(text, l.start, h.start)).length;
    return near(limbNamed, h) && findHits(lang.cues.leg.mention, clause, lang.negation).length <= limbHere;
  };
  // "I got a cortisone shot last month, but in my shoulder, not my knee": an operation or injection put on another part of the
  // body after it, in its clause or the next, with no knee named there or before it in its clause but as denied, is not the knee's.
  const elsewhereAfter = (h: Hit): boolean => {
    const until = nextClauseEnd(text, h.start);
    const after = fromTokens(text.tokens.slice(h.end, until));
    const around = fromTokens(text.tokens.slice(clauseBounds(text, h.start).start, until));
    return affirms(lang.cues.placedElsewhere.mention, after, lang.negation) && !affirms(lang.cues.knee.mention, around, lang.negation);
  };
  // "I lost 10 kg, but that was on purpose": weight lost and said, in its clause or the next, to be meant.
  let weightLost: readonly Hit[] | undefined;
  const lossMeant = (h: Hit): boolean => {
    weightLost ??= findHits(lang.cues.weightLoss.mention, text, lang.negation);
    if (!weightLost.some((w) => w.start < h.end && h.start < w.end)) return false;
    return affirms(lang.cues.lossIntended.mention, fromTokens(text.tokens.slice(h.start, nextClauseEnd(text, h.start))), lang.negation);
  };
  // Signs set aside (history, "hip surgery", "the swelling went down") still answer the question.
  let setAside = false;
  // `flag`: the sign the phrases are of (heat and swelling alone are none yet); `history`: the sign whose days say how long ago is past.
  const present = (p: CodePhrases, flag?: RedFlag, history: RedFlag | undefined = flag): boolean => told(p, flag, history) > 0;
  /** How many times the phrases tell the sign now. */
  const told = (p: CodePhrases, flag?: RedFlag, history: RedFlag | undefined = flag): number => toldAt(p, flag, history).length;
  /** Where the phrases tell the sign now. */
  const toldAt = (p: CodePhrases, flag?: RedFlag, history: RedFlag | undefined = flag): Hit[] => {
    const set = setOf(p);
    const hits = findHits(set, text, lang.negation).filter(
      (h) =>
        (!h.negated || grantedAfter(h)) &&
        !answeredNo(text.tokens, h, lang.negation) &&
        (flag !== undefined || !insideCalf(h)) &&
        !someoneElses(h) &&
        !(history !== undefined && OF_KNEE_OR_FOOT.has(history) && otherPart(h, history)) &&
        !(history === 'recent_surgery' && elsewhereAfter(h)) &&
        !(history === 'night_pain_weight_loss' && lossMeant(h)),
    );
    if (findHits({ patterns: set.patterns, except: [] }, text, lang.negation).some((h) => !h.negated) && hits.length === 0) setAside = true;
    const days = history ? lang.historyDays.get(history) : undefined;
    const longAgoOnly = history !== undefined && lang.longAgoOnly.flags.has(history);
    const resolvedAfter = history !== undefined && lang.longAgoOnly.resolvedFlags.has(history);
    const current =
      days !== undefined
        ? hits.filter((h) => !isHistory(lang, text, h, ctx, days, bands))
        : longAgoOnly
          ? hits.filter((h) => !toldLongAgo(lang, text, h) && !(resolvedAfter && wentAfter(lang, text, h)))
          : hits;
    if (current.length < hits.length) setAside = true;
    return current;
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

  // Numbness told as history ("numb after a nerve block last year") is set aside as the foot's other signs are. Numbness
  // that comes and goes is tingling; numbness told after a contrast with what came and went is not: "pins and needles on
  // and off, but now my whole foot is numb and it's not going away".
  const numb = toldAt(lang.cues.numb, 'cold_pale_foot');
  if (numb.length > 0) {
    const comesAndGoes = toldAt(lang.cues.intermittent);
    const lasting = numb.some((n) => !comesAndGoes.some((i) => i.start >= n.start || !contrastBetween(lang, text, i.end, n.start)));
    flags.add(lasting ? 'cold_pale_foot' : 'tingling');
  }
  const fever = present(lang.cues.fever, 'fever_hot_swollen');
  // "it was swollen last year but it's fine now": heat and swelling told as history are set aside too.
  // Counted once where phrases overlap ("on fire" and "fire" are one telling).
  const heatAt = toldAt(lang.cues.heat, undefined, 'hot_swollen');
  const heatTold = heatAt.filter((h, i) => !heatAt.slice(0, i).some((o) => o.start < h.end && h.start < o.end)).length;
  const heat = heatTold > 0;
  const swelling = present(lang.cues.swelling, undefined, 'swollen');
  // Told in passing, heat is the sign with swelling, or twice over: "it's gone all hot and red" (a knee inflamed) is, "it's warm after a run" is not.
  // In an answer, heat alone is the sign ("it's hot"), unless swelling is denied beside it ("warm but not swollen").
  const denied = (p: CodePhrases): boolean => findHits(setOf(p), text, lang.negation).some((h) => h.negated);
  const swellingDenied = !swelling && denied(lang.cues.swelling);
  // In an answer, a fever alone is the sign, unless the knee is said not to be hot or swollen ("a fever from a cold, but the
  // knee isn't hot or swollen").
  const kneeDenied = swellingDenied || (!heat && denied(lang.cues.heat));
  if (fever && (heat || swelling || (mode === 'answer' && !kneeDenied))) flags.add('fever_hot_swollen');
  else if (heat && (swelling || (mode === 'answer' && !swellingDenied) || (heatTold > 1 && (present(lang.cues.knee) || !present(lang.cues.otherBody))))) flags.add('hot_swollen');
  else if (swelling) flags.add('swollen');

  // "the knee isn't hot or swollen", "a little warm after runs but not swollen": signs denied, and none told, answer none.
  const onlyDenied = (): boolean =>
    [lang.cues.heat, lang.cues.swelling, lang.cues.fever].some(denied) ||
    direct.some((flag) => {
      const phrases = codes.get(flag);
      return phrases !== undefined && denied(phrases);
    });
  const none =
    flags.size === 0 &&
    mode === 'answer' &&
    noneSaid !== undefined &&
    !affirms(lang.unsure, text, lang.negation) &&
    (setAside || affirms(noneSaid.answer, text, lang.negation) || onlyBenign(lang, text) || onlyDenied());
  return { flags: [...flags], none };
}
