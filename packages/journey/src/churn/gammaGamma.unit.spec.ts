import { describe, expect, it } from 'vitest';
import {
  expectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
} from './gammaGamma.ts';
import { logGamma } from './logGamma.ts';

const PAPER: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };
const x = [1, 1, 2, 3, 7, 0];
const m = [12.5, 40, 22.1, 35, 18.2, 0];

/** The marginal density of a mean of x Gamma(p, ν) values, ν ~ Gamma(q, γ), taken literally. */
function naive({ p, q, gamma }: GammaGammaParams, xi: number, mi: number): number {
  return (
    logGamma(p * xi + q) -
    logGamma(p * xi) -
    logGamma(q) +
    q * Math.log(gamma) +
    (p * xi - 1) * Math.log(mi) +
    p * xi * Math.log(xi) -
    (p * xi + q) * Math.log(gamma + mi * xi)
  );
}

describe('Gamma-Gamma', () => {
  it('sums the literal log densities, skipping customers without repeat purchases', () => {
    let expected = 0;
    for (let i = 0; i < 5; i++) expected += naive(PAPER, x[i]!, m[i]!);
    expect(gammaGammaLogLikelihood(PAPER, x, m)).toBeCloseTo(expected, 10);
  });

  it('has the analytic gradient of its finite differences', () => {
    const gradient = new Float64Array(3);
    gammaGammaLogLikelihood(PAPER, x, m, gradient);
    (['p', 'q', 'gamma'] as const).forEach((key, i) => {
      const h = 1e-6 * PAPER[key];
      const up = gammaGammaLogLikelihood({ ...PAPER, [key]: PAPER[key] + h }, x, m);
      const down = gammaGammaLogLikelihood({ ...PAPER, [key]: PAPER[key] - h }, x, m);
      expect(gradient[i]).toBeCloseTo((up - down) / (2 * h), 5);
    });
  });

  it('shrinks a customer’s mean spend towards the population mean, less so with more purchases', () => {
    const population = (PAPER.p * PAPER.gamma) / (PAPER.q - 1);
    expect(expectedAverageSpend(PAPER, 0, 0)).toBeCloseTo(population, 12);
    const one = expectedAverageSpend(PAPER, 1, 100);
    const ten = expectedAverageSpend(PAPER, 10, 100);
    expect(one).toBeGreaterThan(population);
    expect(one).toBeLessThan(ten);
    expect(ten).toBeLessThan(100);
    const weight = (PAPER.p * 10) / (PAPER.p * 10 + PAPER.q - 1);
    expect(ten).toBeCloseTo(weight * 100 + (1 - weight) * population, 12);
    expect(expectedAverageSpend({ ...PAPER, q: 0.8 }, 0, 0)).toBe(Infinity);
  });

  it('refuses to fit without repeat customers', () => {
    expect(() => fitGammaGamma([0, 0], [0, 0])).toThrow(RangeError);
  });
});
