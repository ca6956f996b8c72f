// Messages that need an answer before anything else: an emergency, or talk of self-harm.
import { ParseContext } from './calendar';
import { matchesAtStart, findHits } from './phrases';
import { readRedFlags } from './parse-red-flags';
import { Protocol } from './protocol';
import { evaluate } from './rules';
import { clauses, normalize } from './text';

/** "What is a deformity?" asks about a sign; it does not report one. */
function isHypothetical(protocol: Protocol, clause: string): boolean {
  return matchesAtStart(protocol.language.hypothetical, normalize(clause, protocol.language.lexicon)) !== null;
}

/**
 * True when the message describes an emergency-level warning sign ("the bone is sticking out",
 * "I can't breathe", "my foot is cold and blue", "hot swollen knee and a fever"). The signs are
 * read by the same red-flag reader as the check, and judged by the protocol's own rules.
 */
export function detectEmergency(protocol: Protocol, text: string, ctx: ParseContext): boolean {
  const kept = clauses(text).filter((c) => !isHypothetical(protocol, c));
  if (kept.length === 0) return false;
  const normalized = normalize(kept.join('. '), protocol.language.lexicon);
  const { flags } = readRedFlags(protocol.language, normalized, ctx, 'mention', protocol.durationBands);
  if (flags.length === 0) return false;
  return evaluate(protocol, { red_flags: flags }, []).level === 'emergency';
}

/** True for talk of suicide or self-harm; errs on the side of offering crisis resources. */
export function detectCrisis(protocol: Protocol, text: string): boolean {
  const normalized = normalize(text, protocol.language.lexicon);
  return findHits(protocol.language.crisis, normalized, protocol.language.negation).length > 0;
}
