/**
 * Offline fitting of the matcher's two small models (run by `kb-eval --fit`, never at start-up):
 * a conditional logit that ranks topics, and a logistic regression that calibrates confidence.
 */

export interface RankingSample {
  /** One feature vector per candidate topic. */
  candidates: number[][];
  /** Index of the right candidate, or -1 when it is not among them. */
  correct: number;
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  iterations?: number;
  learningRate?: number;
}

/** Weights maximising the softmax likelihood of the right candidate (samples without one are skipped). */
export function fitRanker(samples: RankingSample[], dims: number, options: FitOptions = {}): number[] {
  const { l2 = 0.001, iterations = 3000, learningRate = 1 } = options;
  const usable = samples.filter((s) => s.correct >= 0 && s.candidates.length > 1);
  const w = new Array<number>(dims).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((wi) => l2 * wi);
    for (const { candidates, correct } of usable) {
      const scores = candidates.map((f) => dot(w, f));
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const total = exps.reduce((a, b) => a + b, 0);
      candidates.forEach((f, c) => {
        const p = exps[c] / total - (c === correct ? 1 : 0);
        for (let d = 0; d < dims; d++) grad[d] += (p * f[d]) / usable.length;
      });
    }
    for (let d = 0; d < dims; d++) w[d] -= learningRate * grad[d];
  }
  return w;
}

/** Bias and weights of a logistic regression, fitted on standardised features and returned on the raw scale. */
export function fitLogistic(x: number[][], y: number[], options: FitOptions = {}): { bias: number; weights: number[] } {
  const { l2 = 0.01, iterations = 4000, learningRate = 0.5 } = options;
  const dims = x[0]?.length ?? 0;
  const mean = new Array<number>(dims).fill(0);
  const sd = new Array<number>(dims).fill(0);
  for (const row of x) row.forEach((v, d) => (mean[d] += v / x.length));
  for (const row of x) row.forEach((v, d) => (sd[d] += (v - mean[d]) ** 2 / x.length));
  for (let d = 0; d < dims; d++) sd[d] = Math.sqrt(sd[d]) || 1;
  const z = x.map((row) => row.map((v, d) => (v - mean[d]) / sd[d]));
  const w = new Array<number>(dims).fill(0);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((wi) => l2 * wi);
    let gradB = 0;
    z.forEach((row, i) => {
      const err = sigmoid(b + dot(w, row)) - y[i];
      gradB += err / z.length;
      for (let d = 0; d < dims; d++) grad[d] += (err * row[d]) / z.length;
    });
    b -= learningRate * gradB;
    for (let d = 0; d < dims; d++) w[d] -= learningRate * grad[d];
  }
  const weights = w.map((wi, d) => wi / sd[d]);
  return { bias: b - weights.reduce((sum, wi, d) => sum + wi * mean[d], 0), weights };
}

export function sigmoid(t: number): number {
  return 1 / (1 + Math.exp(-t));
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
