import type { KnowledgeBase } from '../knowledge/topics';
import type { Lexicon } from '../knowledge/lexicon';
import { CONFIDENCE_DEFAULTS, confidenceInputs, confidenceOf, type ConfidenceModel } from './model';
import { createScorer, type ScorerOptions } from './scorer';

export type MatchBand = 'answer' | 'suggest' | 'none';

export interface MatchResult {
  band: MatchBand;
  /** The topic to answer with, in the answer band. */
  topicId?: string;
  /** Calibrated confidence of the best topic, 0..1. */
  confidence: number;
  /** The best topics, best first (2-3 of them in the suggest band). */
  candidates: { id: string; score: number }[];
  /** Set when the message names something the knowledge base does not cover. */
  outOfScope?: string;
  /** That something is not about health ("weather", "where do i park"): no clinician is the one to ask. */
  unrelated?: boolean;
}

/** Thresholds of the three bands; tuned with `node dist/scripts/kb-eval.js --dev --thresholds`. */
export interface MatcherSettings {
  /** Least confidence to answer outright. */
  answerMin: number;
  /** Least confidence to offer "did you mean". */
  suggestMin: number;
  /** Most candidates offered as "did you mean". */
  maxSuggestions: number;
  /** A runner-up is offered as "did you mean" when its likelihood is at least this fraction of the best one's. */
  suggestShare: number;
}

export const MATCHER_DEFAULTS: Readonly<MatcherSettings> = Object.freeze({ answerMin: 0.6, suggestMin: 0.15, maxSuggestions: 3, suggestShare: 0.25 });
export type MatcherOptions = Partial<MatcherSettings> &
  ScorerOptions & {
    /** Confidence model instead of the fitted defaults (the fitting script tries its own). */
    confidence?: ConfidenceModel;
  };

/** Longest text matched; the bot's own message limit is lower. */
const MAX_MATCH_CHARS = 10_000;

export interface Matcher {
  match(text: string): MatchResult;
}

export function createMatcher(kb: KnowledgeBase, lexicon: Lexicon, options: MatcherOptions = {}): Matcher {
  // The thresholds alone are kept: the options also carry the analysed knowledge base, which must not outlive start-up.
  const { answerMin, suggestMin, maxSuggestions, suggestShare } = { ...MATCHER_DEFAULTS, ...options };
  const settings: MatcherSettings = { answerMin, suggestMin, maxSuggestions, suggestShare };
  const model = options.confidence ?? CONFIDENCE_DEFAULTS;
  const scorer = createScorer(kb, lexicon, options);
  const unrelated = new Set(lexicon.outOfScope.unrelated);
  const outside = (outOfScope: string | undefined) => (outOfScope !== undefined && unrelated.has(outOfScope) ? { outOfScope, unrelated: true } : { outOfScope });
  return {
    match(message: string): MatchResult {
      // The bot reads at most a few thousand characters; a longer text is matched on its start.
      const text = message.length > MAX_MATCH_CHARS ? message.slice(0, MAX_MATCH_CHARS) : message;
      const { analysis, foreign, ranked } = scorer.score(text);
      const top = ranked[0];
      if (!top) return { band: 'none', confidence: 0, candidates: [], ...outside(analysis.outOfScope) };
      const shares = ranked.map((r) => Math.exp(r.score - top.score));
      const total = shares.reduce((a, b) => a + b, 0);
      const candidates = ranked.map((r, i) => ({ id: r.evidence.id, score: round(shares[i] / total) }));
      const confidence = round(confidenceOf(confidenceInputs(analysis, foreign, ranked), model));
      // Other knee conditions, other body parts and medicines are never answered from this knowledge base.
      if (analysis.outOfScope) return { band: 'none', confidence, candidates, ...outside(analysis.outOfScope) };
      // Without a word of the field, a word no question uses may be what the message is really about ("how long does a tattoo take to heal").
      const unmistakable = analysis.anchored || foreign === 0;
      if (confidence >= settings.answerMin && unmistakable) return { band: 'answer', topicId: top.evidence.id, confidence, candidates };
      if (confidence >= settings.suggestMin) {
        const close = candidates.filter((c, i) => i < settings.maxSuggestions && shares[i] >= settings.suggestShare);
        return { band: 'suggest', confidence, candidates: close.length >= 2 ? close : candidates.slice(0, 2) };
      }
      return { band: 'none', confidence, candidates };
    },
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
