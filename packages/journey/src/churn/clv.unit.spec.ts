import { describe, expect, it } from 'vitest';
import type { BgnbdParams } from './bgnbdParams.ts';
import { customerLifetimeValue } from './clv.ts';
import { expectedPurchases } from './expectedPurchases.ts';

const CDNOW: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const [x, tx, T] = [4, 30, 39];

describe('customerLifetimeValue', () => {
  it('is spend × expected purchases over the horizon when nothing is discounted', () => {
    const clv = customerLifetimeValue(CDNOW, x, tx, T, 35, {
      periods: 12,
      periodLength: 52 / 12,
      discountRate: 0,
    });
    expect(clv).toBeCloseTo(35 * expectedPurchases(CDNOW, x, tx, T, 52), 10);
  });

  it('discounts each period’s expected purchases at the end of the period', () => {
    const options = { periods: 3, periodLength: 13, discountRate: 0.1 };
    const e = (t: number) => expectedPurchases(CDNOW, x, tx, T, t);
    const expected = 20 * ((e(13) - e(0)) / 1.1 + (e(26) - e(13)) / 1.21 + (e(39) - e(26)) / 1.331);
    expect(customerLifetimeValue(CDNOW, x, tx, T, 20, options)).toBeCloseTo(expected, 10);
  });

  it('approaches continuous discounting from below as the periods shrink', () => {
    // 10 % a year over three years, per period: (1.1)^(3/periods) − 1.
    const value = (periods: number) =>
      customerLifetimeValue(CDNOW, x, tx, T, 1, {
        periods,
        periodLength: 156 / periods,
        discountRate: 1.1 ** (3 / periods) - 1,
      });
    const [coarse, fine, finer] = [value(3), value(36), value(156 * 7)];
    expect(coarse).toBeLessThan(fine);
    expect(fine).toBeLessThan(finer);
    expect(finer - fine).toBeLessThan((fine - coarse) / 5);
  });

  it('is 0 over no periods and rejects a bad horizon', () => {
    expect(
      customerLifetimeValue(CDNOW, x, tx, T, 10, {
        periods: 0,
        periodLength: 4,
        discountRate: 0.01,
      }),
    ).toBe(0);
    expect(() =>
      customerLifetimeValue(CDNOW, x, tx, T, 10, {
        periods: 1.5,
        periodLength: 4,
        discountRate: 0,
      }),
    ).toThrow(RangeError);
  });
});
