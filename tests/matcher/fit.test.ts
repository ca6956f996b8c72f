import { expect } from 'chai';
import { fitLogistic, fitRanker, sigmoid } from '../../matcher/fit';

describe('model fitting', () => {
  it('learns ranking weights that put the right candidate first', () => {
    // The right candidate always has the larger first feature; the second feature is noise.
    const samples = Array.from({ length: 40 }, (_, i) => ({ candidates: [[0.2, (i % 3) / 3], [0.9, ((i + 1) % 3) / 3]], correct: 1 }));
    const w = fitRanker(samples, 2, { iterations: 500 });
    expect(w[0]).to.be.greaterThan(Math.abs(w[1]));
  });

  it('learns a logistic model on the raw scale of its features', () => {
    const x = Array.from({ length: 100 }, (_, i) => [i]);
    const y = x.map(([v]) => (v >= 50 ? 1 : 0));
    const { bias, weights } = fitLogistic(x, y, { iterations: 2000 });
    expect(sigmoid(bias + weights[0] * 80)).to.be.greaterThan(0.9);
    expect(sigmoid(bias + weights[0] * 20)).to.be.lessThan(0.1);
  });
});
