import type { KnowledgeBase } from '../knowledge/topics';
import type { Lexicon } from '../knowledge/lexicon';
import { fitLogistic, fitRanker } from './fit';
import {
  BLEND_FEATURES,
  CLARITY_FEATURES,
  RANKING_FEATURES,
  SCOPE_FEATURES,
  blendInputs,
  confidenceInputs,
  featureVector,
  rankTopics,
  rankingFeatures,
  type ConfidenceInputs,
  type ConfidenceModel,
  type RankingWeights,
} from './model';
import { createScorer, type Scored } from './scorer';

/** Labelled development questions: in scope with their topic, and out of scope. */
export interface DevelopmentSet {
  inScope: { q: string; id: string }[];
  outOfScope: string[];
}

/**
 * The knowledge base's example questions split into folds: each fold's questions, and the
 * knowledge base without them. With as many folds as the longest topic has questions, every
 * question is held out once and each fold takes at most one question from a topic.
 */
export function holdOutFolds(kb: KnowledgeBase): { kb: KnowledgeBase; held: { q: string; id: string }[] }[] {
  const count = kb.topics.reduce((n, t) => Math.max(n, t.questions.length), 0);
  return Array.from({ length: count }, (_, fold) => {
    const held: { q: string; id: string }[] = [];
    const topics = kb.topics.map((topic) => ({
      ...topic,
      questions: topic.questions.filter((q, i) => {
        // Offset by topic so the held-out questions of one fold are not all each topic's first.
        const out = (i + topic.id.length) % count === fold;
        if (out) held.push({ q, id: topic.id });
        return !out;
      }),
    }));
    return { kb: { ...kb, topics, byId: new Map(topics.map((t) => [t.id, t])) }, held };
  });
}

interface Sample {
  scored: Scored;
  /** The right topic; undefined for an out-of-scope message. */
  expected?: string;
}

interface Labelled {
  inputs: ConfidenceInputs;
  right: boolean;
}

/**
 * Fits the ranking weights and the confidence models on leave-one-out over the knowledge base
 * and on the development set; the result is pasted into model.ts as frozen defaults.
 */
export function fitModels(kb: KnowledgeBase, lexicon: Lexicon, dev: DevelopmentSet): { ranking: RankingWeights; confidence: ConfidenceModel } {
  const loo: Sample[] = holdOutFolds(kb).flatMap((fold) => {
    const scorer = createScorer(fold.kb, lexicon);
    return fold.held.map(({ q, id }) => ({ scored: scorer.score(q), expected: id }));
  });
  const scorer = createScorer(kb, lexicon);
  const devIn: Sample[] = dev.inScope.map(({ q, id }) => ({ scored: scorer.score(q), expected: id }));
  const devOut: Sample[] = dev.outOfScope.map((q) => ({ scored: scorer.score(q) }));

  const w = fitRanker(
    [...loo, ...devIn].map(({ scored, expected }) => ({
      candidates: scored.ranked.map((r) => rankingFeatures(r.evidence)),
      correct: scored.ranked.findIndex((r) => r.evidence.id === expected),
    })),
    RANKING_FEATURES.length,
  );
  const ranking = named(RANKING_FEATURES, w);
  const label = (samples: Sample[]): Labelled[] =>
    samples.flatMap((s) => {
      const ranked = rankTopics(s.scored.ranked.map((r) => r.evidence), ranking);
      if (!ranked.length || s.scored.analysis.outOfScope) return [];
      return [{ inputs: confidenceInputs(s.scored.analysis, s.scored.foreign, ranked), right: ranked[0].evidence.id === s.expected }];
    });
  const [looL, devInL, devOutL] = [label(loo), label(devIn), label(devOut)];

  // Clarity: among in-scope questions, is the best-ranked topic the right one?
  const clear = [...looL, ...devInL];
  const clarity = fitLogistic(clear.map((c) => featureVector(c.inputs, CLARITY_FEATURES)), clear.map((c) => (c.right ? 1 : 0)));
  // Scope: is the question one the knowledge base answers at all?
  const scoped = [...devInL, ...devOutL];
  const scope = fitLogistic(scoped.map((c) => featureVector(c.inputs, SCOPE_FEATURES)), [...devInL.map(() => 1), ...devOutL.map(() => 0)]);
  const parts = {
    clarity: { bias: round(clarity.bias), weights: named(CLARITY_FEATURES, clarity.weights) },
    scope: { bias: round(scope.bias), weights: named(SCOPE_FEATURES, scope.weights) },
    blend: { bias: 0, weights: { clarity: 1, scope: 1 } },
  };
  // Blend: one calibrated probability that answering with the best topic is right.
  const all = [...looL, ...devInL, ...devOutL];
  const blend = fitLogistic(all.map((c) => featureVector(blendInputs(c.inputs, parts), BLEND_FEATURES)), all.map((c) => (c.right ? 1 : 0)));
  return { ranking, confidence: { ...parts, blend: { bias: round(blend.bias), weights: named(BLEND_FEATURES, blend.weights) } } };
}

function named<Name extends string>(names: readonly Name[], values: readonly number[]): Record<Name, number> {
  const out: Partial<Record<Name, number>> = {};
  names.forEach((name, i) => (out[name] = round(values[i])));
  if (!complete(names, out)) throw new Error(`expected ${names.length} fitted values, got ${values.length}`);
  return out;
}

function complete<Name extends string>(names: readonly Name[], record: Partial<Record<Name, number>>): record is Record<Name, number> {
  return names.every((name) => typeof record[name] === 'number' && !Number.isNaN(record[name]));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
