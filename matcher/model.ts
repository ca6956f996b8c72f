import type { Analysis } from './analyser';
import type { TermEvidence } from './index';
import { dot, sigmoid } from './fit';

/** A candidate topic: what its questions and answer share with the message's stems, and with its pairs of stems. */
export interface TopicEvidence extends TermEvidence {
  id: string;
  /** Best example question's share of the message's stem pairs. */
  pairBest: number;
  /** Share of the message's stem pairs found anywhere in the topic's questions. */
  pairCoverage: number;
}

export const RANKING_FEATURES = ['best', 'second', 'queryCoverage', 'questionCoverage', 'topicCoverage', 'typicality', 'answerCoverage', 'pairBest', 'pairCoverage'] as const;
export type RankingFeature = (typeof RANKING_FEATURES)[number];
export type RankingWeights = Readonly<Record<RankingFeature, number>>;

/** Weights of the topic ranking; fitted by `node dist/scripts/kb-eval.js --fit` on the development sets. */
export const RANKING_DEFAULTS: RankingWeights = Object.freeze({
  best: 1.55,
  second: 3.093,
  queryCoverage: 0.505,
  questionCoverage: 3.267,
  topicCoverage: 2.373,
  typicality: 3.078,
  answerCoverage: 2.434,
  pairBest: 0.802,
  pairCoverage: 0.952,
});

/** Features of "the best topic is the right one, if the question is in scope at all". */
export const CLARITY_FEATURES = ['score', 'margin', 'share', 'best', 'queryCoverage', 'topicCoverage', 'length'] as const;
/** Features of "the knowledge base covers this question at all". */
export const SCOPE_FEATURES = ['best', 'topicCoverage', 'typicality', 'strength', 'foreign', 'foreignLoose', 'corrected', 'anchored', 'looseEnds', 'length'] as const;
export type ClarityFeature = (typeof CLARITY_FEATURES)[number];
export type ScopeFeature = (typeof SCOPE_FEATURES)[number];

export interface LogisticModel<Feature extends string> {
  bias: number;
  weights: Readonly<Record<Feature, number>>;
}

/** How the two models' log-odds combine into one calibrated confidence. */
export type BlendFeature = 'clarity' | 'scope';
export const BLEND_FEATURES: readonly BlendFeature[] = ['clarity', 'scope'];

/** Confidence blends two logistic models, all fitted by `kb-eval --fit`: clarity among topics, and scope. */
export interface ConfidenceModel {
  clarity: LogisticModel<ClarityFeature>;
  scope: LogisticModel<ScopeFeature>;
  blend: LogisticModel<BlendFeature>;
}

export const CONFIDENCE_DEFAULTS: ConfidenceModel = Object.freeze({
  clarity: Object.freeze({
    bias: -3.743,
    weights: Object.freeze({ score: 0.158, margin: 0.261, share: 4.111, best: 0.235, queryCoverage: -0.588, topicCoverage: 0.195, length: 0.521 }),
  }),
  scope: Object.freeze({
    bias: -6.43,
    weights: Object.freeze({ best: 5.286, topicCoverage: 0.838, typicality: 3.171, strength: 1.55, foreign: -3.537, foreignLoose: -3.018, corrected: -0.992, anchored: 1.084, looseEnds: -1.758, length: 1.028 }),
  }),
  blend: Object.freeze({
    bias: -0.945,
    weights: Object.freeze({ clarity: 0.559, scope: 0.489 }),
  }),
});

export interface RankedTopic {
  evidence: TopicEvidence;
  score: number;
}

export function rankingFeatures(evidence: TopicEvidence): number[] {
  return RANKING_FEATURES.map((name) => evidence[name]);
}

/** Topics best first by the ranking model. */
export function rankTopics(evidence: readonly TopicEvidence[], weights: RankingWeights): RankedTopic[] {
  const w = RANKING_FEATURES.map((name) => weights[name]);
  return evidence.map((e) => ({ evidence: e, score: dot(w, rankingFeatures(e)) })).sort((a, b) => b.score - a.score);
}

/** Every feature either confidence model looks at, by name. */
export type ConfidenceInputs = Record<ClarityFeature | ScopeFeature, number>;

/** How good the best topic is, how far ahead of the others, and how much of the message it leaves unexplained. */
export function confidenceInputs(analysis: Analysis, foreign: number, ranked: readonly RankedTopic[]): ConfidenceInputs {
  const top = ranked[0];
  const runnerUp = ranked[1]?.score ?? 0;
  const total = ranked.reduce((sum, r) => sum + Math.exp(r.score - top.score), 0);
  const content = Math.max(1, analysis.stems.length);
  return {
    score: top.score,
    margin: top.score - runnerUp,
    share: 1 / total,
    best: top.evidence.best,
    queryCoverage: top.evidence.queryCoverage,
    topicCoverage: top.evidence.topicCoverage,
    typicality: top.evidence.typicality,
    strength: Math.min(3, Math.log1p(top.evidence.matchedWeight)),
    foreign,
    foreignLoose: analysis.anchored ? 0 : foreign,
    corrected: analysis.corrected.length / content,
    anchored: analysis.anchored ? 1 : 0,
    // Words the best topic leaves unexplained matter most when nothing ties the message to the knee.
    looseEnds: analysis.anchored ? 0 : 1 - top.evidence.topicCoverage,
    length: Math.log(content),
  };
}

export function featureVector<Feature extends string>(inputs: Readonly<Record<Feature, number>>, names: readonly Feature[]): number[] {
  return names.map((name) => inputs[name]);
}

export function logistic<Feature extends string>(model: LogisticModel<Feature>, names: readonly Feature[], inputs: Readonly<Record<Feature, number>>): number {
  return sigmoid(model.bias + dot(featureVector(model.weights, names), featureVector(inputs, names)));
}

/** Log-odds of the clarity and scope models, the inputs of the blend. */
export function blendInputs(inputs: ConfidenceInputs, model: ConfidenceModel): Record<BlendFeature, number> {
  return {
    clarity: model.clarity.bias + dot(featureVector(model.clarity.weights, CLARITY_FEATURES), featureVector(inputs, CLARITY_FEATURES)),
    scope: model.scope.bias + dot(featureVector(model.scope.weights, SCOPE_FEATURES), featureVector(inputs, SCOPE_FEATURES)),
  };
}

/** Probability that the best topic is the right answer: clear among the topics, and in scope. */
export function confidenceOf(inputs: ConfidenceInputs, model: ConfidenceModel): number {
  return logistic(model.blend, BLEND_FEATURES, blendInputs(inputs, model));
}
