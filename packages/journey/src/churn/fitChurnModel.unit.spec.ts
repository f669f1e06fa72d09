import { describe, expect, it } from 'vitest';
import { fitBgnbd } from './fitBgnbd.ts';
import { ChurnFitError, fitChurnModel } from './fitChurnModel.ts';
import { fitGammaGamma } from './gammaGamma.ts';
import { rfmSummary, type Transaction } from './rfmSummary.ts';
import { seededRandom } from './seededRandom.ts';

const DAY = 86_400_000;
const window = { start: '2024-01-01', end: '2024-06-30' };

/**
 * `n` customers born in the first 60 days who buy by the BG/NBD story (λ ~ Gamma(0.5, 4) per
 * week, dropout p ~ Beta(0.8, 2.5) after each repeat), some of them twice on one day.
 */
function orders(n: number, spend = (i: number, k: number) => 10 + (i % 20) + k): Transaction[] {
  const random = seededRandom(7);
  const end = Date.parse('2024-07-01');
  const out: Transaction[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = random.gamma(0.5, 4);
    const p = random.beta(0.8, 2.5);
    let at = Date.UTC(2024, 0, 1) + Math.floor(random.uniform() * 60) * DAY + 3_600_000;
    for (let k = 0; at < end; k++) {
      out.push({ customerId: `c${i}`, at: new Date(at), amount: spend(i, k) });
      if (k === 1 && i % 4 === 0) out.push({ customerId: `c${i}`, at: new Date(at), amount: 1 });
      if (k > 0 && random.uniform() < p) break;
      at += random.exponential(lambda) * 7 * DAY;
    }
  }
  return out;
}

describe('fitChurnModel', () => {
  it('fits BG/NBD on the window’s rfmSummary, and Gamma-Gamma on its repeat buyers', () => {
    const transactions = orders(400);
    const fit = fitChurnModel(transactions, window);
    const summary = rfmSummary(transactions, window);
    const direct = fitBgnbd(summary);
    expect(fit.customers).toBe(400);
    expect(fit.repeatCustomers).toBe(Array.from(summary.x).filter((x) => x > 0).length);
    expect(fit.summary.customerIds).toEqual(summary.customerIds);
    expect(fit.bgnbd).toEqual({ ...direct.params, logLikelihood: direct.logLikelihood });
    expect(fit.gammaGamma).toEqual(fitGammaGamma(summary.x, summary.monetary).params);
  });

  it('leaves Gamma-Gamma out when too few repeat buyers spent anything', () => {
    const fit = fitChurnModel(
      orders(400, (i) => (i % 50 === 0 ? 20 : 0)),
      window,
    );
    expect(fit.bgnbd.r).toBeGreaterThan(0);
    expect(fit.gammaGamma).toBeUndefined();
  });

  it('refuses too few customers or repeat buyers, saying how many there were', () => {
    expect(() => fitChurnModel(orders(30), window)).toThrow(ChurnFitError);
    try {
      fitChurnModel(orders(30), window);
    } catch (error) {
      const x = Array.from(rfmSummary(orders(30), window).x);
      expect(error).toMatchObject({
        customers: 30,
        repeatCustomers: x.filter((v) => v > 0).length,
      });
      expect((error as Error).message).toMatch(/30 first ordered in the window \(need 50\)/);
    }
    const oneOffs = orders(200).filter(
      (t, i, all) => all.findIndex((u) => u.customerId === t.customerId) === i,
    );
    expect(() => fitChurnModel(oneOffs, window)).toThrow(/0 ordered again on a later day/);
  });
});
