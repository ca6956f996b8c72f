// Messages that need an answer before anything else: an emergency, or talk of self-harm.
import { ParseContext } from './calendar';
import { toldPart } from './hypothetical';
import { crisisLikely } from './crisis-model';
import { affirms, findHits } from './phrases';
import { aboutSomeoneElse, readRedFlags } from './parse-red-flags';
import { Protocol } from './protocol';
import type { Level } from './ids';
import { evaluate } from './rules';
import { afterLeading, normalize, normalizedClauses, type Normalized } from './text';

/** The level the rules give the warning signs a message tells, if it tells any. `whole` is the message already normalised, when the caller has it. */
function signsLevel(protocol: Protocol, text: string, ctx: ParseContext, whole?: Normalized): Level | undefined {
  // "What is a deformity?" asks about a sign; it does not report one.
  const told = toldPart(protocol, text, whole);
  if (told === null) return undefined;
  // "what do I do if my foot goes cold? it's cold and blue now": the sign asked about is here, so the whole message counts.
  const asksThenTells = told.dropped && affirms(protocol.language.toldNow, told.normalized, protocol.language.negation);
  const normalized = asksThenTells ? whole ?? normalize(text, protocol.language.lexicon) : told.normalized;
  const { flags } = readRedFlags(protocol.language, normalized, ctx, 'mention', protocol.durationBands);
  if (flags.length === 0) return undefined;
  return evaluate(protocol, { red_flags: flags }, []).level;
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
  return signsLevel(protocol, text, ctx) === 'emergency';
}

/** True when a message tells of having been seen since the emergency answer ("I went to the ER", "the doctor said it's bursitis"). */
export function toldBeenSeen(protocol: Protocol, text: string): boolean {
  return affirms(protocol.language.beenSeen, normalize(text, protocol.language.lexicon), protocol.language.negation);
}

/** True when a message tells of getting emergency help not yet given ("I called 911, waiting for the ambulance", "in the ER waiting room"). */
export function toldGettingHelp(protocol: Protocol, text: string): boolean {
  return affirms(protocol.language.gettingHelp, normalize(text, protocol.language.lexicon), protocol.language.negation);
}

/** True when a message tells plainly of getting emergency help now ("I'm calling 911 now", "we're at the ER"), with nothing asked first. */
export function toldGettingHelpNow(protocol: Protocol, text: string): boolean {
  return affirms(protocol.language.gettingHelpNow, normalize(text, protocol.language.lexicon), protocol.language.negation);
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
  return screen(protocol, text, ctx, options).concern;
}

export interface Screening {
  concern?: SafetyConcern;
  /** Warning signs the rules alone make urgent ("my calf is swollen and red"): to be seen today, whatever else the message asks. */
  urgentSigns: boolean;
  /** Signs of one's own the rules send to a doctor ("I had a knee injection 2 weeks ago, is it ok to run?"): the check answers first. */
  doctorSigns?: boolean;
}

/** `screenMessage`, and in the same reading of the signs whether they are urgent ones (read only when `emergency` is set). */
export function screen(protocol: Protocol, text: string, ctx: ParseContext, options: { emergency: boolean }): Screening {
  const normalized = normalize(text, protocol.language.lexicon);
  if (crisisIn(protocol, normalized)) return { concern: 'crisis', urgentSigns: false };
  const level = options.emergency ? signsLevel(protocol, text, ctx, normalized) : undefined;
  if (level === 'emergency') return { concern: 'emergency', urgentSigns: false };
  const own = level === 'urgent' || level === 'doctor' ? ownSignsLevel(protocol, text, ctx, level) : undefined;
  const urgentSigns = level === 'urgent' && own === 'urgent';
  const doctorSigns = level === 'doctor' && own === 'doctor' && !namesNoOne(protocol, normalized);
  return { concern: crisisLikely(protocol.crisisModel, normalized) ? 'possibleCrisis' : undefined, urgentSigns, ...(doctorSigns ? { doctorSigns } : {}) };
}

/** "Does physio help after ACL surgery?", "acl reconstruction rehab timeline": names no one; see `safety.generalQuestion.about`. */
function namesNoOne(protocol: Protocol, normalized: Normalized): boolean {
  const { selfWords, questionStarts, toldCues } = protocol.language.generalQuestion;
  if (normalized.tokens.some((t) => selfWords.has(t))) return false;
  // Opened as a question ("so, does..."), not as a statement with a question after it ("had a knee injection, ok to run?").
  const first = afterLeading(normalized, protocol.language.leadIns).tokens[0];
  return (first !== undefined && questionStarts.has(first)) || !normalized.tokens.some((t) => toldCues.has(t));
}

/**
 * The level of the signs told in the clauses that name nobody else, or name one's own body too: "my husband's calf is
 * swollen and red, but what cadence should I aim for?" tells of no sign of the writer's. `level` is the level of the signs of
 * the whole message, which it is when every clause is one's own. (Not for an emergency: that is answered as one whoever has it.)
 */
function ownSignsLevel(protocol: Protocol, text: string, ctx: ParseContext, level: Level): Level | undefined {
  const clauses = normalizedClauses(text, protocol.language.lexicon);
  // "my wife says my calf is swollen" is one's own calf. "My dad is having a knee replacement. How long is recovery after
  // one?": a sign a doctor should see, told only in a question that names no one, is no one's (signs to be seen today are).
  const own = clauses.filter((c) => !aboutSomeoneElse(protocol.language, c.normalized) && !(level === 'doctor' && namesNoOne(protocol, c.normalized)));
  if (own.length === clauses.length) return level;
  return own.length === 0 ? undefined : signsLevel(protocol, own.map((c) => c.text).join('. '), ctx);
}
