import type { KnowledgeBase } from '../knowledge/topics';
import type { Lexicon } from '../knowledge/lexicon';
import { Analyser } from './analyser';
import { QuestionIndex, type IndexOptions } from './index';

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
}

/** Thresholds of the three bands; tuned with `npm run kb:eval`. */
export const MATCHER_DEFAULTS = Object.freeze({
  /** Least confidence to answer outright. */
  answerMin: 0.5,
  /** Least confidence to offer "did you mean". */
  suggestMin: 0.3,
  /** Below this confidence, a runner-up this close makes it a "did you mean". */
  clearWinner: 0.75,
  /** How close the runner-up must be to call the top one ambiguous. */
  ambiguousGap: 0.05,
  /** Most candidates offered as "did you mean". */
  maxSuggestions: 3,
});
export type MatcherOptions = Partial<typeof MATCHER_DEFAULTS> & { index?: IndexOptions };

export interface Matcher {
  match(text: string): MatchResult;
}

export function createMatcher(kb: KnowledgeBase, lexicon: Lexicon, options: MatcherOptions = {}): Matcher {
  const settings = { ...MATCHER_DEFAULTS, ...options };
  const entries = kb.topics.flatMap((topic) => [topic.title, ...topic.questions].map((text) => ({ topicId: topic.id, text })));
  const analyser = new Analyser(lexicon, entries.map((e) => e.text));
  const index = new QuestionIndex(analyser, entries, options.index);

  return {
    match(text: string): MatchResult {
      const analysis = analyser.analyse(text);
      const ranked = index.search(analysis.stems, analysis.words, analysis.unknown.length);
      const candidates = ranked.map((r) => ({ id: r.id, score: round(r.score) }));
      const top = ranked[0];
      if (!top) return { band: 'none', confidence: 0, candidates, outOfScope: analysis.outOfScope };
      const confidence = round(Math.min(1, top.score));
      if (analysis.outOfScope) return { band: 'none', confidence, candidates, outOfScope: analysis.outOfScope };
      const runnerUp = ranked[1];
      const ambiguous = runnerUp !== undefined && confidence < settings.clearWinner && top.score - runnerUp.score < settings.ambiguousGap;
      if (confidence >= settings.answerMin && !ambiguous) return { band: 'answer', topicId: top.id, confidence, candidates };
      if (confidence >= settings.suggestMin) {
        const close = candidates.filter((c) => c.score >= settings.suggestMin * 0.9).slice(0, settings.maxSuggestions);
        return { band: 'suggest', confidence, candidates: close.length >= 2 ? close : candidates.slice(0, 2) };
      }
      return { band: 'none', confidence, candidates };
    },
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
