import { describe, expect, it } from 'vitest';
import { seededRandom } from './seededRandom.ts';
import { simulateBgnbd } from './simulateBgnbd.ts';
import { simulateGammaGamma } from './simulateGammaGamma.ts';

const moments = (draw: () => number, n: number) => {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    sum += v;
    squares += v * v;
  }
  const mean = sum / n;
  return { mean, variance: squares / n - mean * mean };
};

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(first);
    for (const v of first) expect(v >= 0 && v < 1).toBe(true);
  });

  it('draws gamma, beta and exponential variates with the right first two moments', () => {
    const random = seededRandom(11);
    const n = 200_000;
    for (const [shape, rate] of [
      [0.243, 4.414],
      [2.5, 0.5],
      [40, 3],
    ] as const) {
      const { mean, variance } = moments(() => random.gamma(shape, rate), n);
      expect(mean / (shape / rate)).toBeCloseTo(1, 1);
      expect(variance / (shape / rate ** 2)).toBeCloseTo(1, 1);
    }
    for (const [a, b] of [
      [0.793, 2.426],
      [0.05, 0.3],
      [8, 2],
    ] as const) {
      const { mean, variance } = moments(() => random.beta(a, b), n);
      expect(mean).toBeCloseTo(a / (a + b), 2);
      expect(variance).toBeCloseTo((a * b) / ((a + b) ** 2 * (a + b + 1)), 2);
    }
    expect(moments(() => random.exponential(4), n).mean).toBeCloseTo(0.25, 2);
  });
});

describe('simulations', () => {
  it('are deterministic for a seed and produce valid summaries', () => {
    const params = { r: 0.5, alpha: 3, a: 0.8, b: 2 };
    const one = simulateBgnbd(params, { customers: 500, seed: 5, minT: 10, maxT: 40, holdout: 20 });
    const two = simulateBgnbd(params, { customers: 500, seed: 5, minT: 10, maxT: 40, holdout: 20 });
    expect(Array.from(one.x)).toEqual(Array.from(two.x));
    for (let i = 0; i < 500; i++) {
      expect(one.T[i]! >= 10 && one.T[i]! <= 40).toBe(true);
      expect(one.tx[i]! <= one.T[i]!).toBe(true);
      if (one.x[i] === 0) {
        expect(one.tx[i]).toBe(0);
        expect(one.alive[i]).toBe(1);
      }
    }
    const spend = simulateGammaGamma({ p: 6, q: 4, gamma: 15 }, one.x, 9);
    for (let i = 0; i < 500; i++) expect(spend[i]! > 0).toBe(one.x[i]! > 0);
  });
});
