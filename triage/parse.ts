// Understanding a free-text answer to one triage question, plus what else the message tells.
import { AnswerValue, Answers, answerFragment, withAnswer } from './answers';
import { ParseContext } from './calendar';
import { QuestionId } from './ids';
import { affirmedCodes, codesAnswer, labelAnswer, openingOptionNumbers, optionNumberAnswer, readMulti, readSingle, readYesNo } from './parse-choice';
import { parseAge } from './parse-age';
import { toldPart } from './hypothetical';
import { durationBand, parseDuration, ReadMode } from './parse-duration';
import { readRedFlags, toldFever } from './parse-red-flags';
import { parseSeverity } from './parse-severity';
import { affirms, findHits, matchesAtStart, type PhraseSet } from './phrases';
import type { CodePhrases, Language } from './language';
import { Protocol, Question, questionById } from './protocol';
import { BREAK, clauseBounds, fromTokens, keepClauses, normalize, normalizedClauses, Normalized, splitAtWords } from './text';

export type { ParseContext } from './calendar';

export interface Interpretation {
  /** The answer to the question asked (when understood) and any others the message volunteers. */
  answers: Answers;
  /** False when the question asked got no clear answer: the caller asks again. */
  understood: boolean;
}

function readAnswer(protocol: Protocol, q: Question, text: Normalized, raw: string, ctx: ParseContext, mode: ReadMode): AnswerValue | null {
  const lang = protocol.language;
  switch (q.id) {
    case 'red_flags': {
      const r = readRedFlags(lang, text, ctx, mode, protocol.durationBands);
      if (r.flags.length > 0) return r.flags;
      return r.none ? ['none'] : null;
    }
    case 'age':
      return parseAge(lang, text, mode, protocol.ageBands, ctx);
    case 'duration': {
      if (mode === 'mention') return durationToldInPassing(protocol, text, raw, ctx);
      const days = parseDuration(lang, text, raw, ctx, mode, protocol.durationBands);
      return days === null ? null : durationBand(protocol.durationBands, days.hi);
    }
    case 'severity':
      return parseSeverity(lang, text, mode, q.max ?? 10);
    case 'aggravators':
      return mode === 'answer' ? readMulti(lang, q, text, mode) : mentionedAggravators(protocol, q, text);
    default:
      if (q.kind === 'yesno') return readYesNo(lang, q, text, mode);
      return readSingle(lang, q, text, mode);
  }
}

/**
 * How long, told in passing: clause by clause, so that times that disagree ("sore for 4 days, since a weekend of
 * gardening"; "started 4 days ago. This happened last spring too") are asked about rather than guessed, and a clause
 * of long ago ("that was 20 years ago") tells none.
 */
function durationToldInPassing(protocol: Protocol, text: Normalized, raw: string, ctx: ParseContext): string | null {
  const bands = new Set<string>();
  const lang = protocol.language;
  for (const clause of normalizedClauses(raw, lang.lexicon, text)) {
    // "my hip has bugged me for months but this is about my knee, sore since Saturday": each side of a contrast on its own.
    const parts = splitAtWords(clause.normalized, lang.contrast).flatMap((part) => apartFromEventAhead(lang, part));
    const whole = parts.length === 1 && parts[0] === clause.normalized;
    for (const part of whole ? [clause] : parts.map((normalized) => ({ normalized, text: normalized.tokens.join(' ') }))) {
      // "but that was over 20 years ago": a time long past is of something else.
      if (affirms(lang.longAgoMarkers, part.normalized, lang.negation)) continue;
      // "40 and I've had a fever since yesterday", "63, diabetic for 10 years": with no word of the knee or its pain, the
      // time is the other thing's.
      const other = affirms(lang.duration.otherSubjects, part.normalized, lang.negation) || affirms(lang.cues.fever.mention, part.normalized, lang.negation);
      if (other && !affirms(lang.cues.knee.mention, part.normalized, lang.negation) && !affirms(lang.aggravatorContext, part.normalized, lang.negation)) continue;
      const days = parseDuration(lang, part.normalized, part.text, ctx, 'mention', protocol.durationBands);
      if (days !== null) bands.add(durationBand(protocol.durationBands, days.hi));
    }
  }
  return bands.size === 1 ? [...bands][0] : null;
}

const BREAKS: ReadonlySet<string> = new Set([BREAK]);

/**
 * "locked in for a half marathon in March and my knee started aching on Monday": a part about an event to come is read
 * apart, at "and" ("3 and a half weeks" kept whole), and left out; see `duration.eventAhead.about`.
 */
function apartFromEventAhead(lang: Language, part: Normalized): Normalized[] {
  if (!affirms(lang.duration.eventAhead, part, lang.negation)) return [part];
  return splitAtWords(andAsBreak(part), BREAKS).filter((piece) => !affirms(lang.duration.eventAhead, piece, lang.negation));
}

/** A text with each "and" (or SMS "n") that joins two parts made a break; not one in a number ("3 and a half weeks"). */
function andAsBreak(text: Normalized): Normalized {
  const t = text.tokens;
  const inNumber = (i: number): boolean => /^\d+$/.test(t[i - 1] ?? '') || (t[i + 1] === 'a' && t[i + 2] === 'half');
  return fromTokens(t.map((w, i) => ((w === 'and' || w === 'n') && !inNumber(i) ? BREAK : w)));
}

/** "It hurts when I run and on stairs": only activities tied to the pain in the same clause count. */
function mentionedAggravators(protocol: Protocol, q: Question, text: Normalized): string[] | null {
  const lang = protocol.language;
  // "walked 5 km with no pain at all": a pain denied ties no activity to it.
  const contexts = findHits(lang.aggravatorContext, text, lang.negation).filter((h) => !h.negated);
  if (contexts.length === 0) return null;
  const clauseOf = (at: number): number => text.tokens.slice(0, at).filter((t) => t === BREAK).length;
  const painClauses = new Set(contexts.map((h) => clauseOf(h.start)));
  const codes = affirmedCodes(lang, q, text, 'mention').filter((code) => {
    const p = lang.codes.get(q.id)?.get(code);
    return p !== undefined && findHits(p.mention, text, lang.negation).some((h) => !h.negated && painClauses.has(clauseOf(h.start)));
  });
  return codes.length > 0 ? codes : null;
}

/**
 * "I twisted it a few years ago and now it hurts again": an injury or operation told with a
 * date long past may not be how this pain began, so the duration is asked, not assumed, and so is
 * the injury when it is the injury that is long past.
 */
function longAgoEvent(protocol: Protocol, text: Normalized, ctx: ParseContext): { injury: boolean; duration: boolean } {
  const lang = protocol.language;
  const longAgo = protocol.durationBands[protocol.durationBands.length - 1].minDays - 1;
  // How long ago each event told happened, by the time in its clause (null: no time told). Exceptions are not applied:
  // "I did fall in 2019 (but that was my wrist)" is no injury now, and no time for this pain either.
  // A word that is itself the time ("sore all fall", "since the fall": the season) tells of no event.
  const daysIn = (clause: Normalized) => parseDuration(lang, clause, clause.tokens.join(' '), ctx, 'answer', protocol.durationBands)?.hi ?? null;
  // "I had ACL surgery 8 weeks ago and I twisted it today": each event is timed within its part of the clause.
  const parts = andAsBreak(text);
  const timesOf = (phrases: CodePhrases | undefined): Array<number | null> =>
    phrases
      ? findHits({ patterns: phrases.mention.patterns, except: [] }, text, lang.negation)
          .filter((hit) => !hit.negated)
          .map((hit) => {
            const { start, end } = clauseBounds(parts, hit.start);
            const days = daysIn(fromTokens(parts.tokens.slice(start, end)));
            if (days === null) return null;
            const rest = fromTokens([...parts.tokens.slice(start, hit.start), ...parts.tokens.slice(Math.min(hit.end, end), end)]);
            return daysIn(rest) === null ? null : days;
          })
      : [];
  const injuries = timesOf(lang.codes.get('injury')?.get('yes'));
  const operations = timesOf(lang.codes.get('red_flags')?.get('recent_surgery'));
  const none = { injury: false, duration: false };
  // "Knocked it on a table 2 days ago. I had a knee replacement in September": an injury told as recent stands.
  if (injuries.some((days) => days !== null && days <= longAgo)) return none;
  // "...at Thanksgiving and it still isn't right": the pain has lasted since.
  if (affirms(lang.duration.stillSince, text, lang.negation)) return none;
  const injury = injuries.some((days) => days !== null && days > longAgo);
  // "Had my knee replaced two months ago and I twisted it on the stairs": an old operation times no injury told apart from it.
  return { injury, duration: injury || operations.some((days) => days !== null && days > longAgo) };
}

/** Whether a clause tells of the pain before ("had the same thing") with a time in the past ("2 years ago", "last spring"). */
function timedRecurrence(protocol: Protocol, clause: Normalized): boolean {
  const lang = protocol.language;
  const before = lang.codes.get('recurrent')?.get('yes');
  if (!before || !affirms(before.mention, clause, lang.negation)) return false;
  return affirms(lang.historyMarkers, clause, lang.negation) || affirms(lang.longAgoMarkers, clause, lang.negation);
}

/** `returning`: a returning person's opening may tell how the knee is since last time ("a bit better than last time"). */
function volunteeredIn(protocol: Protocol, text: Normalized, raw: string, ctx: ParseContext, asked: QuestionId | null, returning = false): Answers {
  let out: Answers = {};
  const excluded = asked ? protocol.language.volunteerExclude.get(asked) : undefined;
  for (const q of protocol.questions) {
    if (q.id === asked || (q.id === 'returning_status' && !returning) || excluded?.questions.includes(q.id)) continue;
    const value = readAnswer(protocol, q, text, raw, ctx, 'mention');
    const fragment = value === null ? null : answerFragment(q.id, value);
    if (fragment) out = { ...out, ...fragment };
  }
  const past = out.injury !== undefined || out.duration !== undefined ? longAgoEvent(protocol, text, ctx) : undefined;
  if (past?.injury) delete out.injury;
  if (past?.duration) delete out.duration;
  const longAgo = past !== undefined && (past.injury || past.duration);
  // "I had the same thing 2 years ago": the time is when it happened before, not how long this has lasted; a time told in
  // another clause still is ("three weeks of pain ... had the same thing two years ago").
  // (A time read with it, or none read for two times at once: "five weeks ... happened last year".)
  if (!longAgo && out.recurrent === 'yes') {
    // "sore for five weeks and the same thing happened last year" (dictated, one clause): the parts joined by "and" are
    // read apart, "and" in a number ("3 and a half weeks") aside.
    const parts = andAsBreak(text);
    const rest = keepClauses(parts, (clause) => !timedRecurrence(protocol, clause));
    if (rest !== parts) {
      const duration = rest.tokens.length > 0 ? readAnswer(protocol, questionById(protocol, 'duration'), rest, rest.tokens.join(' '), ctx, 'mention') : null;
      if (duration === null) delete out.duration;
      else out = { ...out, ...answerFragment('duration', duration) };
    }
  }
  if (out.red_flags && excluded) {
    const kept = out.red_flags.filter((f) => !excluded.redFlags.includes(f));
    if (kept.length > 0) out.red_flags = kept;
    else delete out.red_flags;
  }
  return out;
}

/**
 * What an opening message ("my knee hurts since I twisted it 3 days ago") already answers. A clause
 * that asks about a sign ("does knee pain ever cause chest pain?") answers nothing.
 */
export function extractVolunteered(protocol: Protocol, text: string, ctx: ParseContext, options: { returning?: boolean } = {}): Answers {
  if (text.trim().length === 0) return {};
  const told = toldOf(protocol, text);
  const out = told === null ? {} : volunteeredIn(protocol, told[0], told[1], ctx, null, options.returning);
  if (!options.returning || out.duration === undefined) return out;
  // A returning person's time is read without their words about the last chat; see `earlierChat.about`.
  const rest = { ...out };
  delete rest.duration;
  const apart = toldOf(protocol, withoutEarlierChat(protocol, text, true));
  const since = apart === null ? null : readAnswer(protocol, questionById(protocol, 'duration'), apart[0], apart[1], ctx, 'mention');
  return since === null ? rest : { ...rest, ...answerFragment('duration', since) };
}

/**
 * What a message says besides telling of an earlier check ("Did this check in October. Same as before..."), '' when it says
 * nothing else; undefined when it tells of none (or only asks about one).
 */
export function besidesEarlierCheck(protocol: Protocol, text: string): string | undefined {
  const { earlierChat, negation, lexicon } = protocol.language;
  // Read on every message outside a check: most name no earlier check, and are not read for what they ask.
  if (text.trim().length === 0 || !affirms(earlierChat.phrases, normalize(text, lexicon), negation)) return undefined;
  const told = toldOf(protocol, text);
  if (told === null || !affirms(earlierChat.phrases, told[0], negation)) return undefined;
  return withoutEarlierChat(protocol, text);
}

/** A returning person's opening without its clauses about the earlier chat (with `times`, nor those that may time it). */
function withoutEarlierChat(protocol: Protocol, text: string, times = false): string {
  const { earlierChat, negation, lexicon } = protocol.language;
  return normalizedClauses(text, lexicon)
    .filter((c) => !affirms(earlierChat.phrases, c.normalized, negation) && !(times && affirms(earlierChat.times, c.normalized, negation)))
    .map((c) => c.text)
    .join('. ');
}

/** A message without its clauses that ask about a sign or suppose one, normalised and as written; null when nothing is told. */
function toldOf(protocol: Protocol, text: string, whole?: Normalized): [Normalized, string] | null {
  const told = toldPart(protocol, text, whole, { othersAside: true, activityQuestions: true });
  if (told === null) return null;
  return told.dropped ? [told.normalized, told.text] : [whole ?? normalize(text, protocol.language.lexicon), text];
}

/**
 * What a message tells, as `extractVolunteered`, when it tells of an injury; undefined when it tells of none. The injury is
 * read first and alone: most messages tell of none, and one question costs far less to read than all of them.
 */
export function volunteeredWithInjury(protocol: Protocol, text: string, ctx: ParseContext): Answers | undefined {
  if (text.trim().length === 0) return undefined;
  const injury = questionById(protocol, 'injury');
  const whole = normalize(text, protocol.language.lexicon);
  if (readAnswer(protocol, injury, whole, text, ctx, 'mention') !== 'yes') return undefined;
  // Then as `extractVolunteered` reads it: not the clauses that ask about a sign or suppose one.
  const told = toldOf(protocol, text, whole);
  if (told === null) return undefined;
  const [normalized, raw] = told;
  if (normalized !== whole && readAnswer(protocol, injury, normalized, raw, ctx, 'mention') !== 'yes') return undefined;
  const out = volunteeredIn(protocol, normalized, raw, ctx, null);
  return out.injury === 'yes' ? out : undefined;
}

export interface SplitInterpretation {
  own: Answers | null;
  volunteered: Answers;
  /** The reply tells of a fever ("a bit swollen, and I've had a fever"), whatever else it answers. */
  fever?: boolean;
}

/** Whether a message tells of a fever now: "I have a fever and my knee hurts" opens a check whose warning signs it may change. */
export function feverMentioned(protocol: Protocol, text: string, ctx: ParseContext): boolean {
  const told = text.trim().length === 0 ? null : toldPart(protocol, text);
  return told !== null && toldFever(protocol.language, told.normalized, ctx, protocol.durationBands);
}

/** A reply read from its last correction on: that part, and what came before the correcting words. */
interface Correction {
  normalized: Normalized;
  said: string;
  before: Normalized;
}

/**
 * "No, wait: I did fall on it", "yes... I mean no": a reply that corrects itself is read from its last correction on,
 * without the correcting word; 'nothing' when nothing follows it yet ("no wait"); null when there is no correction.
 * With `within`, a correction said inside a clause counts too ("7 no wait 5").
 */
function corrected(protocol: Protocol, text: string, whole: Normalized, markers: PhraseSet, within?: PhraseSet): Correction | 'nothing' | null {
  const lex = protocol.language.lexicon;
  const parts = normalizedClauses(text, lex, whole);
  const earlier = (i: number, head: readonly string[]): Normalized =>
    fromTokens([...parts.slice(0, i).flatMap((p) => [...p.normalized.tokens, BREAK]), ...head]);
  for (let i = parts.length - 1; i >= 0; i--) {
    const tokens = parts[i].normalized.tokens;
    const at = within ? correctionWithin(within, tokens) : null;
    const marker = at ?? matchesAtStart(markers, parts[i].normalized);
    if (marker === null) continue;
    const start = at?.start ?? 0;
    const rest = [tokens.slice(start + marker.end).join(' '), ...parts.slice(i + 1).map((p) => p.text)].filter((t) => t.trim().length > 0).join('. ');
    return rest.length === 0 ? 'nothing' : { normalized: normalize(rest, lex), said: rest, before: earlier(i, tokens.slice(0, start)) };
  }
  return null;
}

/** The last correction said after some answer inside a clause ("worse no actually the same"), where it starts and ends. */
function correctionWithin(within: PhraseSet, tokens: readonly string[]): { start: number; end: number } | null {
  for (let k = tokens.length - 1; k >= 1; k--) {
    if (tokens[k] === BREAK) continue;
    const hit = matchesAtStart(within, fromTokens(tokens.slice(k)));
    if (hit !== null) return { start: k, end: hit.end };
  }
  return null;
}

/**
 * "about 2 weeks, no actually closer to 3": a correction that gives only a number says it in the unit of the answer it
 * corrects. The earlier answer from its one number on, with the new number; null when either has no single number.
 */
function withCorrectedNumber(protocol: Protocol, correction: Correction): Normalized | null {
  const isNumber = (t: string): boolean => /^\d+(?:\.\d+)?$/.test(t);
  const news = correction.normalized.tokens.filter(isNumber);
  const olds = correction.before.tokens.filter(isNumber);
  if (news.length !== 1 || olds.length !== 1) return null;
  // Only a number, with words that soften it ("closer to", "more like", "maybe"): nothing else of its own to read.
  const soft = matchesAtStart(protocol.language.softCorrections, correction.normalized);
  const after = correction.normalized.tokens.slice(soft?.end ?? 0).filter((t) => t !== BREAK);
  if (after.length !== 1) return null;
  // From the number on: "about 2 weeks" becomes "3 weeks"; "a week or 2" becomes a bare "3", still no answer.
  const from = correction.before.tokens.findIndex(isNumber);
  return fromTokens([news[0], ...correction.before.tokens.slice(from + 1)]);
}

/**
 * "I don't understand", "not sure what you mean, sorry": the reply without its clauses that ask what the question means
 * (they answer nothing: "I don't" is no "no"); 'nothing' when no other clause is left; null when there is none.
 */
function withoutClarifying(protocol: Protocol, text: string, whole: Normalized): [Normalized, string] | 'nothing' | null {
  const lex = protocol.language.lexicon;
  const parts = normalizedClauses(text, lex, whole);
  const rest = parts.filter((p) => matchesAtStart(protocol.language.clarify, p.normalized) === null);
  if (rest.length === parts.length) return null;
  const said = rest.map((p) => p.text).join('. ');
  return said.trim().length === 0 ? 'nothing' : [normalize(said, lex), said];
}

/** "well no": a bare yes or no after a softer correction is the second of two answers, asked again ("yeah... well no"). */
function onlyYesOrNo(protocol: Protocol, text: Normalized): boolean {
  const lang = protocol.language;
  return [lang.yes, lang.no].some((set) => {
    const said = matchesAtStart(set, text);
    return said !== null && text.tokens.slice(said.end).every((t) => t === BREAK);
  });
}

function onlyHedge(protocol: Protocol, text: Normalized): boolean {
  const hedge = matchesAtStart(protocol.language.hedge, text);
  return hedge !== null && text.tokens.slice(hedge.end).every((t) => t === BREAK);
}

/** The answer to `questionId` and, separately, what else the message volunteers. */
export function interpretParts(protocol: Protocol, questionId: QuestionId, text: string, ctx: ParseContext): SplitInterpretation {
  const q = questionById(protocol, questionId);
  if (text.trim().length === 0) return { own: null, volunteered: {} };
  const coded = codesAnswer(q, text);
  if (coded !== null) return { own: answerFragment(q.id, coded), volunteered: {} };
  const lang = protocol.language;
  const numbered = ctx.optionsNumbered === false ? null : optionNumberAnswer(q, text, lang.optionWords);
  if (numbered === 'invalid') return { own: null, volunteered: {} };
  if (numbered !== null) return { own: answerFragment(q.id, numbered), volunteered: {} };
  // "2, and 6 - getting short of breath too": on a numbered list of several, the numbers that open the reply are picks,
  // and what follows is read as well.
  const opening = ctx.optionsNumbered === false || (q.kind !== 'multi' && q.kind !== 'yesno') ? null : openingOptionNumbers(q, text, lang.optionWords);
  // "2 not at all", "1 yes with a limp": to a yes-or-no question, words after the number that answer it must say the same
  // ("2 yes" is asked again); words that do not are read with the number below. ("2 weeks" is a time, not option 2.)
  if (opening && q.kind === 'yesno') {
    // "2 no wait 1 yes it swelled within the hour": a number taken back is no answer; what is said after it is.
    const restWords = normalize(opening.rest, lang.lexicon);
    const takenBack = matchesAtStart(lang.corrections, restWords);
    if (takenBack !== null) return interpretParts(protocol, questionId, restWords.tokens.slice(takenBack.end).join(' '), ctx);
    const rest = interpretParts(protocol, questionId, opening.rest, { ...ctx, optionsNumbered: false });
    const said = rest.own?.[q.id];
    if (said !== undefined) {
      const agrees = opening.codes.length === 1 && JSON.stringify(said) === JSON.stringify(opening.codes[0]);
      return agrees ? { ...rest, own: answerFragment(q.id, opening.codes[0]) } : { ...rest, own: null };
    }
  } else if (opening) {
    const rest = interpretParts(protocol, questionId, opening.rest, { ...ctx, optionsNumbered: false });
    const picked = answerFragment(q.id, opening.codes);
    return { ...rest, own: picked && rest.own ? withAnswer(picked, rest.own) : picked ?? rest.own };
  }
  const whole = normalize(text, lang.lexicon);
  // A clause that asks back ("what counts as an injury?", "does a fever count?") answers nothing; the rest is read.
  // Asking whether an activity is all right ("can I still run my race on Saturday?") tells nothing either.
  const told = toldPart(protocol, text, whole, { othersAside: true, activityQuestions: true });
  if (told === null) return { own: null, volunteered: {} };
  const [kept, keptText]: [Normalized, string] = told.dropped ? [told.normalized, told.text] : [whole, text];
  // "Depends what you mean by injury, I guess?": a hedge left beside a question back is no answer.
  if (told.dropped && onlyHedge(protocol, kept)) return { own: null, volunteered: {} };
  // A sign told stays told: inside a clause, a correction never takes back a warning sign.
  const correction = corrected(protocol, keptText, kept, lang.corrections, q.id === 'red_flags' ? undefined : lang.correctionsWithin);
  if (correction === 'nothing') return { own: null, volunteered: {} };
  if (correction !== null) {
    const reading = readReply(protocol, q, correction.normalized, correction.said, ctx);
    const carried = reading.own === null ? withCorrectedNumber(protocol, correction) : null;
    if (carried === null) return reading;
    return { ...reading, own: readReply(protocol, q, carried, carried.tokens.filter((t) => t !== BREAK).join(' '), ctx).own };
  }
  const reading = readReply(protocol, q, kept, keptText, ctx);
  // "I'm 15... sorry, just turned 16", "yeah... well, not really": read from the correction on when that part answers by
  // itself. Never for the warning signs: a sign told stays told.
  const soft = q.id !== 'red_flags' ? corrected(protocol, keptText, kept, lang.softCorrections) : null;
  if (soft === null || soft === 'nothing' || onlyYesOrNo(protocol, soft.normalized)) return reading;
  const later = readReply(protocol, q, soft.normalized, soft.said, ctx).own;
  return later ? { ...reading, own: later } : reading;
}

/** The answer to `q` in a reply already without its questions back and hard corrections, and what else it tells. */
function readReply(protocol: Protocol, q: Question, normalized: Normalized, said: string, ctx: ParseContext): SplitInterpretation {
  const lang = protocol.language;
  // The signs told beside a question back are still told: "I don't understand why my calf is so swollen".
  const alsoTold = { volunteered: volunteeredIn(protocol, normalized, said, ctx, q.id), fever: toldFever(lang, normalized, ctx, protocol.durationBands) };
  const answering = withoutClarifying(protocol, said, normalized);
  if (answering === 'nothing') {
    // To the warning-sign question, a sign told so is its answer.
    const signs = q.id === 'red_flags' ? volunteeredIn(protocol, normalized, said, ctx, null).red_flags : undefined;
    return { own: signs?.length ? answerFragment(q.id, signs) : null, ...alsoTold };
  }
  const [answerText, answerSaid] = answering ?? [normalized, said];
  const value = labelAnswer(q, answerText, lang) ?? readAnswer(protocol, q, answerText, answerSaid, ctx, 'answer');
  return { own: value === null ? null : answerFragment(q.id, value), ...alsoTold };
}

/**
 * Reads a free-text reply to the question `questionId`. Never guesses: when unsure,
 * `understood` is false (volunteered answers to other questions may still be returned).
 */
export function interpretAnswer(protocol: Protocol, questionId: QuestionId, text: string, ctx: ParseContext): Interpretation {
  const { own, volunteered } = interpretParts(protocol, questionId, text, ctx);
  return { answers: own ? { ...volunteered, ...own } : volunteered, understood: own !== null };
}

/** "sorry, I meant 3 weeks", "oops, it's my left knee", "I'm 56 actually": a message that opens or ends by putting an earlier answer right. */
export function correctsEarlierAnswer(protocol: Protocol, text: string): boolean {
  // "sorry, I meant": commas inside the opening do not break it.
  const tokens = normalize(text, protocol.language.lexicon).tokens.filter((t) => t !== ',');
  if (matchesAtStart(protocol.language.outcomeCorrections, fromTokens(tokens)) !== null) return true;
  // "I'm 56 actually".
  const said = ` ${tokens.join(' ')}`;
  return protocol.language.outcomeCorrectionEnds.some((end) => said.endsWith(` ${end}`));
}

/** "What do you mean?", "what counts as swollen?", "does a fever count?": a reply that asks what the question means. */
export function asksWhatItMeans(protocol: Protocol, text: string): boolean {
  // A reply of question marks alone ("??") asks it too.
  if (/^\s*\?+\s*$/.test(text)) return true;
  return affirms(protocol.language.clarify, normalize(text, protocol.language.lexicon), protocol.language.negation);
}

/** "why?", "how come?", "why do I need to book?" as the whole message: asks why the advice just given says what it says. */
export function asksWhy(protocol: Protocol, text: string): boolean {
  const normalized = normalize(text, protocol.language.lexicon);
  const hit = matchesAtStart(protocol.language.askWhy, normalized);
  return hit !== null && hit.end >= normalized.tokens.length;
}

/** "I don't know", "rather not say", "why does that matter?": a reply that gives no answer, even when it reads as a question. */
export function declinesToAnswer(protocol: Protocol, text: string): boolean {
  const lang = protocol.language;
  const n = normalize(text, lang.lexicon);
  // "not really, maybe I bumped it?" opens as a reply does: an unclear answer, not a question of its own.
  return affirms(lang.unsure, n, lang.negation) || [lang.yes, lang.no, lang.doubt].some((set) => matchesAtStart(set, n) !== null);
}
