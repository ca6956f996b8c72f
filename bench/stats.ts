export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Runs fn over every input, `rounds` times, and gives the median across rounds of each percentile. */
export function timeMany<T>(inputs: readonly T[], fn: (input: T) => unknown, rounds: number): { p50: number; p99: number } {
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const times: number[] = [];
    for (const input of inputs) {
      const start = process.hrtime.bigint();
      fn(input);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    p50s.push(percentile(times, 50));
    p99s.push(percentile(times, 99));
  }
  return { p50: median(p50s), p99: median(p99s) };
}

export function ms(value: number): string {
  return value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(2)} ms`;
}
