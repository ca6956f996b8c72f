import { expect } from 'chai';
import { dot, sigmoid } from '../../matcher/fit';
import {
  BLEND_FEATURES,
  blendInputs,
  CLARITY_FEATURES,
  CONFIDENCE_DEFAULTS,
  confidenceOf,
  featureVector,
  RANKING_DEFAULTS,
  RANKING_FEATURES,
  rankingFeatures,
  rankTopics,
  SCOPE_FEATURES,
  type ConfidenceInputs,
  type RankingWeights,
  type TopicEvidence,
} from '../../matcher/model';

/** A small deterministic generator, so a failure can be replayed. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function evidence(next: () => number, id: string): TopicEvidence {
  return {
    id,
    best: next(),
    second: next(),
    queryCoverage: next(),
    questionCoverage: next(),
    topicCoverage: next(),
    typicality: next(),
    answerCoverage: next(),
    matchedWeight: next() * 5,
    bestQuestion: 0,
    pairBest: next(),
    pairCoverage: next(),
    fuzzy: next(),
  };
}

describe('matcher models', () => {
  it('ranks each topic by exactly the weighted sum the fitting script scores, best first', () => {
    const next = numbers(7);
    const fitted = Object.fromEntries(RANKING_FEATURES.map((name) => [name, next() * 4 - 1])) as unknown as RankingWeights;
    for (const weights of [RANKING_DEFAULTS, fitted]) {
      const candidates = Array.from({ length: 8 }, (_, i) => evidence(next, `t${i}`));
      const ranked = rankTopics(candidates, weights);
      const expected = candidates
        .map((e) => ({ id: e.id, score: dot(featureVector(weights, RANKING_FEATURES), rankingFeatures(e)) }))
        .sort((a, b) => b.score - a.score);
      expect(ranked.map((r) => ({ id: r.evidence.id, score: r.score }))).to.deep.equal(expected);
    }
  });

  it('keeps topics with equal scores in the order they came', () => {
    const next = numbers(11);
    const same = evidence(next, 'first');
    const ranked = rankTopics([{ ...same, id: 'first' }, evidence(next, 'other'), { ...same, id: 'second' }, { ...same, id: 'third' }], RANKING_DEFAULTS);
    const tied = ranked.map((r) => r.evidence.id).filter((id) => id !== 'other');
    expect(tied).to.deep.equal(['first', 'second', 'third']);
  });

  it('gives the confidence of the two logistic models blended, as they are fitted', () => {
    const next = numbers(3);
    const names = [...new Set([...CLARITY_FEATURES, ...SCOPE_FEATURES])];
    const inputs = Object.fromEntries(names.map((name) => [name, next() * 2])) as unknown as ConfidenceInputs;
    const { clarity, scope, blend } = CONFIDENCE_DEFAULTS;
    const expectedParts = {
      clarity: clarity.bias + dot(featureVector(clarity.weights, CLARITY_FEATURES), featureVector(inputs, CLARITY_FEATURES)),
      scope: scope.bias + dot(featureVector(scope.weights, SCOPE_FEATURES), featureVector(inputs, SCOPE_FEATURES)),
    };
    expect(blendInputs(inputs, CONFIDENCE_DEFAULTS)).to.deep.equal(expectedParts);
    const expected = sigmoid(blend.bias + dot(featureVector(blend.weights, BLEND_FEATURES), featureVector(expectedParts, BLEND_FEATURES)));
    expect(confidenceOf(inputs, CONFIDENCE_DEFAULTS)).to.equal(expected);
  });
});
