// Clauses that ask about a sign tell none: "what is a deformity?", "does knee pain ever cause chest pain?".
import { aboutSomeoneElse } from './parse-red-flags';
import { affirms, matchesAtStart } from './phrases';
import { Protocol } from './protocol';
import { BREAK, finishTokens, normalize, normalizedClauses, type Normalized } from './text';

function isHypothetical(protocol: Protocol, clause: Normalized): boolean {
  const { hypothetical, leadIns } = protocol.language;
  if (matchesAtStart(hypothetical, clause) !== null) return true;
  // "hmm, what counts as an injury", "ok so does a fever count": the question after a lead-in word or two.
  let skip = 0;
  while (skip < 2 && skip < clause.tokens.length && (leadIns.has(clause.tokens[skip]) || clause.tokens[skip] === BREAK)) skip++;
  if (skip === 0 || skip === clause.tokens.length) return false;
  const rest = clause.tokens.slice(skip);
  return matchesAtStart(hypothetical, finishTokens(rest)) !== null;
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
 * `whole` is the message already normalised, when the caller has it.
 */
export function toldPart(protocol: Protocol, text: string, whole?: Normalized, options: { othersAside?: boolean } = {}): Told | null {
  const lex = protocol.language.lexicon;
  const clauses = normalizedClauses(text, lex, whole);
  // "what warning signs should send me to the ER, like chest pain?": an example given of what was asked about is asked about too.
  const asked = clauses.map((c) => isHypothetical(protocol, c.normalized));
  // "for example, chest pain": a clause that is only the example's opening words leads to the next, which is the example.
  let example = false;
  for (let i = 1; i < clauses.length; i++) {
    if (!asked[i - 1]) continue;
    const opens = matchesAtStart(protocol.language.examples, clauses[i].normalized);
    if (opens !== null || example) asked[i] = true;
    example = opens !== null && opens.end >= clauses[i].normalized.tokens.length;
  }
  // `othersAside`: with the writer's own set against someone else's ("he's got worse knees than me", "mine are fine"),
  // the clauses about that someone else tell nothing of this knee.
  const lang = protocol.language;
  if (options.othersAside && clauses.length > 1 && affirms(lang.ownContrast, whole ?? normalize(text, lex), lang.negation)) {
    const others = clauses.map((c, i) => !asked[i] && aboutSomeoneElse(lang, c.normalized));
    if (others.some((other, i) => !other && !asked[i])) others.forEach((other, i) => (asked[i] ||= other));
  }
  const kept = clauses.filter((_, i) => !asked[i]);
  if (kept.length === 0) return null;
  const dropped = kept.length < clauses.length;
  // One clause kept is the text to read as it is ("a. b" joins two), already normalised.
  if (kept.length === 1) return { text: kept[0].text, normalized: kept[0].normalized, dropped };
  const joined = kept.map((c) => c.text).join('. ');
  return { text: joined, normalized: normalize(joined, lex), dropped };
}
