// Messages that need an answer before anything else: an emergency, or talk of self-harm.
import { ParseContext } from './calendar';
import { toldPart } from './hypothetical';
import { crisisLikely } from './crisis-model';
import { affirms, findHits } from './phrases';
import { readRedFlags } from './parse-red-flags';
import { Protocol } from './protocol';
import { evaluate } from './rules';
import { normalize, type Normalized } from './text';

/** `whole` is the message already normalised, when the caller has it. */
function emergencyIn(protocol: Protocol, text: string, ctx: ParseContext, whole?: Normalized): boolean {
  // "What is a deformity?" asks about a sign; it does not report one.
  const told = toldPart(protocol, text, whole);
  if (told === null) return false;
  // "what do I do if my foot goes cold? it's cold and blue now": the sign asked about is here, so the whole message counts.
  const asksThenTells = told.dropped && affirms(protocol.language.toldNow, told.normalized, protocol.language.negation);
  const normalized = asksThenTells ? whole ?? normalize(text, protocol.language.lexicon) : told.normalized;
  const { flags } = readRedFlags(protocol.language, normalized, ctx, 'mention', protocol.durationBands);
  if (flags.length === 0) return false;
  return evaluate(protocol, { red_flags: flags }, []).level === 'emergency';
}

/** Crisis wording the phrase lists name. */
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

/** True for talk of suicide or self-harm, by the phrase lists or the model; errs on the side of offering crisis resources. */
export function detectCrisis(protocol: Protocol, text: string): boolean {
  const normalized = normalize(text, protocol.language.lexicon);
  return crisisIn(protocol, normalized) || crisisLikely(protocol.crisisModel, normalized);
}

/**
 * `crisis`: wording the phrase lists name; `emergency`: a warning sign the rules call an emergency;
 * `possibleCrisis`: wording only the model reads as crisis talk, less certain, so the resources come with the usual reply.
 */
export type SafetyConcern = 'crisis' | 'emergency' | 'possibleCrisis';

/**
 * Every message goes through this, read once for all: the phrase lists' crisis wording first, then (when `emergency`
 * is set) an emergency, then the model's reading of crisis talk.
 */
export function screenMessage(protocol: Protocol, text: string, ctx: ParseContext, options: { emergency: boolean }): SafetyConcern | undefined {
  const normalized = normalize(text, protocol.language.lexicon);
  if (crisisIn(protocol, normalized)) return 'crisis';
  if (options.emergency && emergencyIn(protocol, text, ctx, normalized)) return 'emergency';
  return crisisLikely(protocol.crisisModel, normalized) ? 'possibleCrisis' : undefined;
}
