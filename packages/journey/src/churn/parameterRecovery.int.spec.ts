import { describe, expect, it } from 'vitest';
import type { BgnbdParams } from './bgnbdParams.ts';
import { expectedPurchases } from './expectedPurchases.ts';
import { bgnbdStandardErrors, fitBgnbd } from './fitBgnbd.ts';
import { fitGammaGamma, gammaGammaStandardErrors, type GammaGammaParams } from './gammaGamma.ts';
import { pAlive } from './pAlive.ts';
import { simulateBgnbd } from './simulateBgnbd.ts';
import { simulateGammaGamma } from './simulateGammaGamma.ts';

// Tolerance: every estimate within 3 standard errors of the truth (observed information at the
// estimate) and within 15 % of it. 50,000 customers per set, births spread so that T is uniform
// on 26..52 weeks, a 26-week holdout simulated beyond T.
const CUSTOMERS = 50_000;
const Z = 3;
const RELATIVE = 0.15;

const SETS: [string, BgnbdParams, GammaGammaParams][] = [
  ['CDNOW-like', { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { p: 6, q: 4, gamma: 15 }],
  ['frequent, loyal', { r: 1.5, alpha: 10, a: 0.5, b: 4 }, { p: 2, q: 10, gamma: 50 }],
  ['a > 1 (finite lifetime purchases)', { r: 0.5, alpha: 2, a: 2, b: 8 }, { p: 1, q: 3, gamma: 5 }],
  ['b < 1, heterogeneous churn', { r: 3, alpha: 20, a: 0.2, b: 0.8 }, { p: 12, q: 2.5, gamma: 40 }],
];

describe.each(SETS)('parameter recovery: %s', (_name, truth, spendTruth) => {
  const seed = Math.round(truth.alpha * 1000);
  const data = simulateBgnbd(truth, {
    customers: CUSTOMERS,
    seed,
    minT: 26,
    maxT: 52,
    holdout: 26,
  });

  it('fits BG/NBD back within 3 standard errors and 15 %', () => {
    const fit = fitBgnbd(data);
    expect(fit.converged).toBe(true);
    const errors = bgnbdStandardErrors(fit.params, data);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[key] - truth[key])).toBeLessThan(Z * errors[key]);
      expect(Math.abs(fit.params[key] / truth[key] - 1)).toBeLessThan(RELATIVE);
    }
  });

  it('predicts who is alive and the holdout purchases in aggregate within 2 %', () => {
    const fit = fitBgnbd(data).params;
    let alive = 0;
    let predictedAlive = 0;
    let purchases = 0;
    let predicted = 0;
    for (let i = 0; i < CUSTOMERS; i++) {
      const [x, tx, T] = [data.x[i]!, data.tx[i]!, data.T[i]!];
      alive += data.alive[i]!;
      predictedAlive += pAlive(fit, x, tx, T);
      purchases += data.holdoutPurchases[i]!;
      predicted += expectedPurchases(fit, x, tx, T, 26);
    }
    expect(Math.abs(predictedAlive / alive - 1)).toBeLessThan(0.02);
    expect(Math.abs(predicted / purchases - 1)).toBeLessThan(0.02);
  });

  it('fits Gamma-Gamma back within 3 standard errors and 15 %', () => {
    const monetary = simulateGammaGamma(spendTruth, data.x, seed + 1);
    const fit = fitGammaGamma(data.x, monetary);
    expect(fit.converged).toBe(true);
    const errors = gammaGammaStandardErrors(fit.params, data.x, monetary);
    for (const key of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.params[key] - spendTruth[key])).toBeLessThan(Z * errors[key]);
      expect(Math.abs(fit.params[key] / spendTruth[key] - 1)).toBeLessThan(RELATIVE);
    }
  });
});
