import type { Analysis } from './analyser';
import type { TermEvidence } from './index';
import { sigmoid } from './fit';

/** A candidate topic: what its questions and answer share with the message's stems, and with its pairs of stems. */
export interface TopicEvidence extends TermEvidence {
  id: string;
  /** Best example question's share of the message's stem pairs. */
  pairBest: number;
  /** Share of the message's stem pairs found anywhere in the topic's questions. */
  pairCoverage: number;
  /** Best example question's fuzzy likeness to the message (Fuse.js token search), 0..1. */
  fuzzy: number;
}

export const RANKING_FEATURES = ['best', 'second', 'queryCoverage', 'questionCoverage', 'topicCoverage', 'typicality', 'answerCoverage', 'pairBest', 'pairCoverage', 'fuzzy'] as const;
export type RankingFeature = (typeof RANKING_FEATURES)[number];
export type RankingWeights = Readonly<Record<RankingFeature, number>>;

/** Weights of the topic ranking; fitted by `node dist/scripts/kb-eval.js --fit` on the development sets. */
export const RANKING_DEFAULTS: RankingWeights = Object.freeze({
  best: 1.611,
  second: 3.25,
  queryCoverage: 0.628,
  questionCoverage: 2.495,
  topicCoverage: 2.593,
  typicality: 3.201,
  answerCoverage: 2.278,
  pairBest: 0.977,
  pairCoverage: 1.06,
  fuzzy: 0.796,
});

/** Features of "the best topic is the right one, if the question is in scope at all". */
export const CLARITY_FEATURES = ['score', 'fuzzyMargin', 'margin', 'share', 'best', 'queryCoverage', 'topicCoverage', 'length'] as const;
/** Features of "the knowledge base covers this question at all". */
export const SCOPE_FEATURES = ['best', 'fuzzy', 'topicCoverage', 'typicality', 'strength', 'foreign', 'foreignLoose', 'corrected', 'anchored', 'looseEnds', 'length'] as const;
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
    bias: -3.446,
    weights: Object.freeze({ score: 0.111, fuzzyMargin: 0.28, margin: 0.248, share: 3.949, best: -0.037, queryCoverage: -0.551, topicCoverage: 0.521, length: 0.544 }),
  }),
  scope: Object.freeze({
    bias: -6.042,
    weights: Object.freeze({ best: 4.24, fuzzy: 0.288, topicCoverage: 1.436, typicality: 3.492, strength: 1.549, foreign: -2.978, foreignLoose: -2.508, corrected: -0.082, anchored: 0.962, looseEnds: -1.76, length: 1.061 }),
  }),
  blend: Object.freeze({
    bias: -1.001,
    weights: Object.freeze({ clarity: 0.609, scope: 0.45 }),
  }),
});

export interface RankedTopic {
  evidence: TopicEvidence;
  score: number;
}

export function rankingFeatures(evidence: TopicEvidence): number[] {
  return RANKING_FEATURES.map((name) => evidence[name]);
}

/**
 * The weighted sum of the named inputs, in the order of `names`: what `dot(featureVector(weights, names),
 * featureVector(inputs, names))` gives, without making either array. Every message runs it for each
 * candidate topic and both confidence models.
 */
export function weighted<Feature extends string>(weights: Readonly<Record<Feature, number>>, inputs: Readonly<Record<Feature, number>>, names: readonly Feature[]): number {
  let sum = 0;
  for (let i = 0; i < names.length; i++) sum += weights[names[i]] * inputs[names[i]];
  return sum;
}

/** Ranking weights as numbers in RANKING_FEATURES order, worked out once per set of weights. */
const rankingVectors = new WeakMap<RankingWeights, Float64Array>();

function rankingVector(weights: RankingWeights): Float64Array {
  let vector = rankingVectors.get(weights);
  if (!vector) rankingVectors.set(weights, (vector = Float64Array.from(RANKING_FEATURES, (name) => weights[name])));
  return vector;
}

/**
 * `dot(weights, rankingFeatures(evidence))`, the same sum in the same order, with each feature read by
 * its name: reading them through a list of names would box every number on every candidate of every
 * message (tests/matcher/model.test.ts holds the two equal).
 */
function rankingScore(w: Float64Array, e: TopicEvidence): number {
  let sum = 0;
  sum += w[0] * e.best;
  sum += w[1] * e.second;
  sum += w[2] * e.queryCoverage;
  sum += w[3] * e.questionCoverage;
  sum += w[4] * e.topicCoverage;
  sum += w[5] * e.typicality;
  sum += w[6] * e.answerCoverage;
  sum += w[7] * e.pairBest;
  sum += w[8] * e.pairCoverage;
  sum += w[9] * e.fuzzy;
  return sum;
}

/** Topics best first by the ranking model (a stable sort: of equal scores, the first given stays first). */
export function rankTopics(evidence: readonly TopicEvidence[], weights: RankingWeights): RankedTopic[] {
  const w = rankingVector(weights);
  const ranked: RankedTopic[] = [];
  for (const e of evidence) {
    const topic = { evidence: e, score: rankingScore(w, e) };
    // Insertion into a short list: a handful of candidates, so no sort and its scratch space.
    let at = ranked.length;
    for (; at > 0 && ranked[at - 1].score < topic.score; at--) ranked[at] = ranked[at - 1];
    ranked[at] = topic;
  }
  return ranked;
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
    fuzzy: top.evidence.fuzzy,
    fuzzyMargin: top.evidence.fuzzy - (ranked[1]?.evidence.fuzzy ?? 0),
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
  return sigmoid(model.bias + weighted(model.weights, inputs, names));
}

/** Log-odds of the clarity and scope models, the inputs of the blend. */
export function blendInputs(inputs: ConfidenceInputs, model: ConfidenceModel): Record<BlendFeature, number> {
  return {
    clarity: model.clarity.bias + weighted(model.clarity.weights, inputs, CLARITY_FEATURES),
    scope: model.scope.bias + weighted(model.scope.weights, inputs, SCOPE_FEATURES),
  };
}

/** Probability that the best topic is the right answer: clear among the topics, and in scope. */
export function confidenceOf(inputs: ConfidenceInputs, model: ConfidenceModel): number {
  return logistic(model.blend, BLEND_FEATURES, blendInputs(inputs, model));
}
