// Clauses that ask about a sign tell none: "what is a deformity?", "does knee pain ever cause chest pain?".
import { aboutSomeoneElse, writersOwnClause } from './parse-red-flags';
import { affirms, findHits, matchesAtStart } from './phrases';
import { Protocol } from './protocol';
import { BREAK, finishTokens, normalize, normalizedClauses, type Normalized } from './text';

/** Whether a clause names a warning sign, or heat, swelling, numbness or a fever, in any way. */
function namesSign(protocol: Protocol, clause: Normalized): boolean {
  const lang = protocol.language;
  const signs = [...(lang.codes.get('red_flags')?.values() ?? []), lang.cues.heat, lang.cues.swelling, lang.cues.numb, lang.cues.fever];
  return signs.some((phrases) => findHits(phrases.mention, clause, lang.negation).length > 0);
}

function isHypothetical(protocol: Protocol, clause: Normalized, activities: boolean): boolean {
  const { hypothetical, activityQuestions, leadIns } = protocol.language;
  // "Can I still run with my calf this swollen?" tells a sign, asked as it is.
  const asksActivity = (text: Normalized): boolean => activities && matchesAtStart(activityQuestions, text) !== null && !namesSign(protocol, text);
  const asks = (text: Normalized): boolean => matchesAtStart(hypothetical, text) !== null || asksActivity(text);
  if (asks(clause)) return true;
  // "hmm, what counts as an injury", "ok so does a fever count": the question after a lead-in word or two.
  let skip = 0;
  while (skip < 2 && skip < clause.tokens.length && (leadIns.has(clause.tokens[skip]) || clause.tokens[skip] === BREAK)) skip++;
  if (skip === 0 || skip === clause.tokens.length) return false;
  return asks(finishTokens(clause.tokens.slice(skip)));
}

/**
 * "is it normal that it wakes me up at night?", "should I worry that it's a bit swollen?": a question about a sign of the
 * writer's own, which tells the sign as a statement would.
 */
export function asksAboutOwnSign(protocol: Protocol, text: string): boolean {
  const { lexicon, ownSignQuestions } = protocol.language;
  return normalizedClauses(text, lexicon).some((c) => matchesAtStart(ownSignQuestions, c.normalized) !== null && namesSign(protocol, c.normalized));
}

/** What a message tells: the text of the clauses kept, and their normalised form. */
export interface Told {
  text: string;
  normalized: Normalized;
  /** Some clause asked about a sign and was left out. */
  dropped: boolean;
}

/**
 * The message without its hypothetical clauses; null when nothing else is left.
 * `whole` is the message already normalised, when the caller has it. `activityQuestions`: clauses asking whether an
 * activity is all right ("can I still run my race on Saturday?") are left out too.
 */
export function toldPart(protocol: Protocol, text: string, whole?: Normalized, options: { othersAside?: boolean; activityQuestions?: boolean } = {}): Told | null {
  const lex = protocol.language.lexicon;
  const clauses = normalizedClauses(text, lex, whole);
  // "what warning signs should send me to the ER, like chest pain?": an example given of what was asked about is asked about too.
  const asked = clauses.map((c) => isHypothetical(protocol, c.normalized, options.activityQuestions === true));
  // "for example, chest pain": a clause that is only the example's opening words leads to the next, which is the example.
  let example = false;
  for (let i = 1; i < clauses.length; i++) {
    if (!asked[i - 1]) continue;
    const opens = matchesAtStart(protocol.language.examples, clauses[i].normalized);
    if (opens !== null || example) asked[i] = true;
    example = opens !== null && opens.end >= clauses[i].normalized.tokens.length;
  }
  // "Did I twist it? No...": a question asked back and denied at once by the next clause tells nothing itself. Only a
  // denial: "calf swollen? yes" tells the sign.
  const lang = protocol.language;
  // "swelled? no": a word or two asked back with a question mark is such a question too.
  const askedBack = (i: number): boolean => {
    const at = text.indexOf(clauses[i].text);
    return clauses[i].normalized.tokens.length <= 2 && at >= 0 && /^\s*\?/.test(text.slice(at + clauses[i].text.length));
  };
  for (let i = 0; i + 1 < clauses.length; i++) {
    const echoes = matchesAtStart(lang.echoedQuestions, clauses[i].normalized) !== null || askedBack(i);
    if (!asked[i] && echoes && matchesAtStart(lang.no, clauses[i + 1].normalized) !== null) asked[i] = true;
  }
  // `othersAside`: with the writer's own set against someone else's ("he's got worse knees than me", "mine are fine"),
  // the clauses about that someone else tell nothing of this knee.
  if (options.othersAside && clauses.length > 1 && affirms(lang.ownContrast, whole ?? normalize(text, lex), lang.negation)) {
    const others = clauses.map((c, i) => !asked[i] && aboutSomeoneElse(lang, c.normalized));
    if (others.some((other, i) => !other && !asked[i])) others.forEach((other, i) => (asked[i] ||= other));
  }
  // And the other way round: with the check done for someone else ("but I'm asking about my husband"), the clauses that put
  // a sign on the writer ("my own knee gives way") tell nothing of that person's knee.
  if (options.othersAside && clauses.length > 1 && affirms(lang.askingForAnother, whole ?? normalize(text, lex), lang.negation)) {
    clauses.forEach((c, i) => (asked[i] ||= writersOwnClause(lang, c.normalized)));
  }
  const kept = clauses.filter((_, i) => !asked[i]);
  if (kept.length === 0) return null;
  const dropped = kept.length < clauses.length;
  // One clause kept is the text to read as it is ("a. b" joins two), already normalised.
  if (kept.length === 1) return { text: kept[0].text, normalized: kept[0].normalized, dropped };
  const joined = kept.map((c) => c.text).join('. ');
  return { text: joined, normalized: normalize(joined, lex), dropped };
}
