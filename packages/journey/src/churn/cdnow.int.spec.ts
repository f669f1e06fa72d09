import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customerLifetimeValue } from './clv.ts';
import { expectedPurchases } from './expectedPurchases.ts';
import { bgnbdStandardErrors, fitBgnbd } from './fitBgnbd.ts';
import { expectedAverageSpend, fitGammaGamma } from './gammaGamma.ts';
import { pAlive } from './pAlive.ts';
import { rfmSummary, type Transaction } from './rfmSummary.ts';

// The CDNOW 1/10 sample (2,357 customers, first purchase in Q1 1997, to 1998-06-30); see
// test-data/cdnow/README.md. Columns: master id, sample id, YYYYMMDD, CDs, dollar value.
const text = readFileSync(
  new URL('../../test-data/cdnow/CDNOW_sample.txt', import.meta.url),
  'utf8',
);
const transactions: Transaction[] = text
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [, id, day, , amount] = line.trim().split(/\s+/);
    return {
      customerId: id!,
      at: `${day!.slice(0, 4)}-${day!.slice(4, 6)}-${day!.slice(6, 8)}`,
      amount: Number(amount),
    };
  });

// Calibration 1997-01-01 .. 1997-09-30 (39 weeks), time in weeks, same-day orders merged.
const calibration = rfmSummary(transactions, { start: '1997-01-01', end: '1997-09-30' });
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((s, v) => s + v, 0);

describe('CDNOW sample (Fader, Hardie & Lee 2005)', () => {
  it('summarises to the published calibration data', () => {
    expect(transactions).toHaveLength(6919);
    expect(calibration.customerIds).toHaveLength(2357);
    expect(sum(calibration.x)).toBe(2457);
    expect(Array.from(calibration.x).filter((x) => x === 0)).toHaveLength(1411);
    // Customer 0001: first purchase 1997-01-01, repeats on 01-18 and 08-02.
    expect(calibration.customerIds[0]).toBe('0001');
    expect([calibration.x[0], calibration.tx[0]!.toFixed(2), calibration.T[0]!.toFixed(2)]).toEqual(
      [2, '30.43', '38.86'],
    );
  });

  const fit = fitBgnbd(calibration);

  it('fits the published BG/NBD estimates: r = 0.243, α = 4.414, a = 0.793, b = 2.426', () => {
    expect(fit.converged).toBe(true);
    expect(fit.params.r.toFixed(3)).toBe('0.243');
    expect(fit.params.alpha.toFixed(3)).toBe('4.414');
    expect(fit.params.a.toFixed(3)).toBe('0.793');
    expect(fit.params.b.toFixed(3)).toBe('2.426');
  });

  it('reaches the published log-likelihood, −9582.4', () => {
    expect(fit.logLikelihood.toFixed(1)).toBe('-9582.4');
  });

  it('has finite standard errors that make the published estimates plausible', () => {
    const errors = bgnbdStandardErrors(fit.params, calibration);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      expect(errors[key]).toBeGreaterThan(0);
      expect(errors[key]).toBeLessThan(fit.params[key]);
    }
  });

  it('forecasts the 39-week holdout in aggregate (sanity: within 15 % of the actual count)', () => {
    const whole = rfmSummary(transactions, { start: '1997-01-01', end: '1998-06-30' });
    expect(whole.customerIds).toEqual(calibration.customerIds);
    const actual = sum(whole.x) - sum(calibration.x); // 1,882 repeat purchase days
    let forecast = 0;
    for (let i = 0; i < calibration.x.length; i++) {
      const [x, tx, T] = [calibration.x[i]!, calibration.tx[i]!, calibration.T[i]!];
      forecast += expectedPurchases(fit.params, x, tx, T, 39);
      expect(pAlive(fit.params, x, tx, T)).toBeGreaterThan(0);
    }
    expect(actual).toBe(1882);
    expect(Math.abs(forecast / actual - 1)).toBeLessThan(0.15);
  });

  // Gamma-Gamma on the 946 customers with repeat purchases in calibration, m̄ = mean value of
  // their repeat purchase days: the data of Fader, Hardie & Lee, "RFM and CLV" (2005), which
  // reports p = 6.25, q = 3.74, γ = 15.44.
  const spend = fitGammaGamma(calibration.x, calibration.monetary);

  it('fits the published Gamma-Gamma estimates: p = 6.25, q = 3.74, γ = 15.44', () => {
    expect(spend.converged).toBe(true);
    expect(spend.customers).toBe(946);
    expect(spend.params.p.toFixed(2)).toBe('6.25');
    expect(spend.params.q.toFixed(2)).toBe('3.74');
    expect(spend.params.gamma.toFixed(2)).toBe('15.44');
  });

  it('values customers: more recent, frequent, high-spending ones are worth more', () => {
    const options = { periods: 24, periodLength: 52 / 12, discountRate: 0.01 };
    const value = (x: number, tx: number, m: number) =>
      customerLifetimeValue(
        fit.params,
        x,
        tx,
        38.86,
        expectedAverageSpend(spend.params, x, m),
        options,
      );
    expect(value(0, 0, 0)).toBeGreaterThan(0);
    expect(value(5, 38, 30)).toBeGreaterThan(value(5, 20, 30));
    expect(value(5, 38, 30)).toBeGreaterThan(value(2, 38, 30));
    expect(value(5, 38, 60)).toBeGreaterThan(value(5, 38, 30));
  });
});
