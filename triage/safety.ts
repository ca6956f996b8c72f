// Messages that need an answer before anything else: an emergency, or talk of self-harm.
import { ParseContext } from './calendar';
import { toldPart } from './hypothetical';
import { findHits } from './phrases';
import { readRedFlags } from './parse-red-flags';
import { Protocol } from './protocol';
import { evaluate } from './rules';
import { normalize, type Normalized } from './text';

/** `whole` is the message already normalised, when the caller has it. */
function emergencyIn(protocol: Protocol, text: string, ctx: ParseContext, whole?: Normalized): boolean {
  // "What is a deformity?" asks about a sign; it does not report one.
  const told = toldPart(protocol, text, whole);
  if (told === null) return false;
  const normalized = told.normalized;
  const { flags } = readRedFlags(protocol.language, normalized, ctx, 'mention', protocol.durationBands);
  if (flags.length === 0) return false;
  return evaluate(protocol, { red_flags: flags }, []).level === 'emergency';
}

function crisisIn(protocol: Protocol, normalized: Normalized): boolean {
  return findHits(protocol.language.crisis, normalized, protocol.language.negation).length > 0;
}

/**
 * True when the message describes an emergency-level warning sign ("the bone is sticking out",
 * "I can't breathe", "my foot is cold and blue", "hot swollen knee and a fever"). The signs are
 * read by the same red-flag reader as the check, and judged by the protocol's own rules.
 */
export function detectEmergency(protocol: Protocol, text: string, ctx: ParseContext): boolean {
  return emergencyIn(protocol, text, ctx);
}

/** True for talk of suicide or self-harm; errs on the side of offering crisis resources. */
export function detectCrisis(protocol: Protocol, text: string): boolean {
  return crisisIn(protocol, normalize(text, protocol.language.lexicon));
}

export type SafetyConcern = 'crisis' | 'emergency';

/**
 * Both checks on one message, as detectCrisis then (when `emergency` is set) detectEmergency would
 * answer, reading the message once for both where it can: every message goes through this.
 */
export function screenMessage(protocol: Protocol, text: string, ctx: ParseContext, options: { emergency: boolean }): SafetyConcern | undefined {
  const normalized = normalize(text, protocol.language.lexicon);
  if (crisisIn(protocol, normalized)) return 'crisis';
  return options.emergency && emergencyIn(protocol, text, ctx, normalized) ? 'emergency' : undefined;
}
