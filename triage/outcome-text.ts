// The protocol's own words for an outcome, in the order a reply says them.
import { Level, ReasonId } from './ids';
import { Protocol } from './protocol';

export interface OutcomeWords {
  headline: string;
  /** Why, one plain sentence per reason. */
  why: string[];
  /** What to do. */
  advice: string[];
  /** The warning signs, when a safety answer stayed unclear. */
  warningSigns: string | null;
  /** Prevention tips, when the pain has gone. */
  tips: string[];
  notDiagnosis: string;
  offerBooking: boolean;
  /** The booking offer's own words after this outcome, if it has them. */
  bookingOffer?: string;
}

/** The emergency answer to a message that describes an emergency at any point. */
export function emergencyMessageOutcome(protocol: Protocol): { kind: 'outcome'; level: Level; reasons: ReasonId[]; protocol: string } {
  return { kind: 'outcome', level: 'emergency', reasons: ['emergency_message'], protocol: protocol.version };
}

export function outcomeWords(protocol: Protocol, outcome: { level: Level; reasons: readonly ReasonId[] }): OutcomeWords {
  const text = protocol.outcomes.get(outcome.level);
  if (!text) throw new Error(`triage protocol ${protocol.version}: no outcome text for "${outcome.level}"`);
  // Pain that has gone needs no plan for managing it: the prevention tips take its place.
  const resolved = outcome.reasons.includes('resolved');
  return {
    headline: resolved ? protocol.messages.resolvedHeadline : text.headline,
    // The headline already says the pain has gone: its reason is not said again.
    why: resolved ? [] : outcome.reasons.map((r) => protocol.reasons.get(r) ?? '').filter((s) => s.length > 0),
    advice: resolved ? [] : text.advice,
    warningSigns: outcome.reasons.includes('unclear_safety_answer') ? protocol.messages.unclearSafety : null,
    tips: resolved ? protocol.messages.resolvedTips : [],
    notDiagnosis: protocol.messages.notDiagnosis,
    offerBooking: text.offerBooking,
    bookingOffer: text.bookingOffer,
  };
}
