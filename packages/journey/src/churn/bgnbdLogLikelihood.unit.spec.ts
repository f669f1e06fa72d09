import { describe, expect, it } from 'vitest';
import type { BgnbdParams } from './bgnbdParams.ts';
import { bgnbdLogLikelihood } from './bgnbdLogLikelihood.ts';
import { groupSummaries } from './customerSummaries.ts';
import { fitBgnbd } from './fitBgnbd.ts';
import { logGamma } from './logGamma.ts';
import { simulateBgnbd } from './simulateBgnbd.ts';

const CDNOW: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** FHL 2005 eq. 6 taken literally (fine for small x). */
function naive({ r, alpha, a, b }: BgnbdParams, x: number, tx: number, T: number): number {
  const beta = (p: number, q: number) => Math.exp(logGamma(p) + logGamma(q) - logGamma(p + q));
  const gammaRatio = Math.exp(logGamma(r + x) - logGamma(r));
  const first = ((beta(a, b + x) / beta(a, b)) * gammaRatio * alpha ** r) / (alpha + T) ** (r + x);
  const second =
    x > 0
      ? ((beta(a + 1, b + x - 1) / beta(a, b)) * gammaRatio * alpha ** r) / (alpha + tx) ** (r + x)
      : 0;
  return Math.log(first + second);
}

const rows = {
  x: Float64Array.from([0, 0, 1, 2, 5, 12]),
  tx: Float64Array.from([0, 0, 3.5, 30.43, 20, 38]),
  T: Float64Array.from([10, 38.86, 20, 38.86, 39, 39]),
};

describe('bgnbdLogLikelihood', () => {
  it('equals the sum of the literal per-customer likelihoods', () => {
    let expected = 0;
    for (let i = 0; i < rows.x.length; i++) {
      expected += naive(CDNOW, rows.x[i]!, rows.tx[i]!, rows.T[i]!);
    }
    expect(bgnbdLogLikelihood(CDNOW, rows)).toBeCloseTo(expected, 10);
  });

  it('has the analytic gradient of its finite differences', () => {
    const gradient = new Float64Array(4);
    bgnbdLogLikelihood(CDNOW, rows, gradient);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((key, i) => {
      const h = 1e-6 * CDNOW[key];
      const up = bgnbdLogLikelihood({ ...CDNOW, [key]: CDNOW[key] + h }, rows);
      const down = bgnbdLogLikelihood({ ...CDNOW, [key]: CDNOW[key] - h }, rows);
      expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 5);
    });
  });

  it('stays finite for very large x', () => {
    const big = {
      x: Float64Array.from([1e6]),
      tx: Float64Array.from([30]),
      T: Float64Array.from([39]),
    };
    expect(Number.isFinite(bgnbdLogLikelihood(CDNOW, big))).toBe(true);
  });

  it('is NaN outside the parameter space and rejects invalid summaries', () => {
    expect(bgnbdLogLikelihood({ ...CDNOW, a: -1 }, rows)).toBeNaN();
    const bad = {
      x: Float64Array.from([1]),
      tx: Float64Array.from([5]),
      T: Float64Array.from([4]),
    };
    expect(() => bgnbdLogLikelihood(CDNOW, bad)).toThrow(RangeError);
    const fractional = {
      x: Float64Array.from([1.5]),
      tx: Float64Array.from([1]),
      T: Float64Array.from([4]),
    };
    expect(() => bgnbdLogLikelihood(CDNOW, fractional)).toThrow(RangeError);
  });
});

describe('groupSummaries', () => {
  it('collapses identical rows into weights without changing the likelihood or the fit', () => {
    const simulated = simulateBgnbd(CDNOW, { customers: 4000, seed: 3, minT: 1, maxT: 39 });
    const days = {
      x: simulated.x,
      tx: simulated.tx.map((v) => Math.round(v * 7) / 7),
      T: simulated.T.map((v) => Math.round(v * 7) / 7),
    };
    const grouped = groupSummaries(days);
    expect(grouped.x.length).toBeLessThan(days.x.length / 2);
    expect(grouped.weight!.reduce((sum, w) => sum + w, 0)).toBe(days.x.length);
    expect(bgnbdLogLikelihood(CDNOW, grouped)).toBeCloseTo(bgnbdLogLikelihood(CDNOW, days), 6);
    const a = fitBgnbd(days).params;
    const b = fitBgnbd(grouped).params;
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(b[key]).toBeCloseTo(a[key], 6);
  });
});
