import type { BgnbdParams } from './bgnbdParams.ts';
import { expectedPurchasesIfAlive } from './expectedPurchases.ts';
import { pAlive } from './pAlive.ts';

export interface ClvOptions {
  /** Number of periods in the horizon, e.g. 36 months. */
  readonly periods: number;
  /** Length of one period in the unit of T (weeks here), e.g. 52/12 for months. */
  readonly periodLength: number;
  /** Discount rate per period, e.g. 0.01 a month (≈ 12.7 % a year). */
  readonly discountRate: number;
}

/**
 * Discounted customer lifetime value over a finite horizon, from "now" (the end of calibration,
 * T after the first purchase):
 *
 *   CLV = spend · Σ_{k=1..K} (E[Y(kΔ)] − E[Y((k−1)Δ)]) / (1+d)^k
 *
 * where E[Y(t)] = E[Y(t) | x, t_x, T] is the BG/NBD expected number of purchases in the next t,
 * Δ the period length, d the per-period discount rate and `spend` the expected value of one
 * transaction (e.g. Gamma-Gamma `expectedAverageSpend`, times a margin if CLV should be profit).
 * Discretisation: the purchases expected during period k are discounted as if they all happened
 * at the end of that period, (1+d)^(−k), so the value is slightly conservative compared with
 * continuous discounting ∫ e^(−δs) dE[Y(s)], and converges to it as the periods shrink (with
 * (1+d) = e^(δΔ)). P(alive) is computed once; E[Y | alive] is evaluated at each period end.
 */
export function customerLifetimeValue(
  params: BgnbdParams,
  x: number,
  tx: number,
  T: number,
  spend: number,
  options: ClvOptions,
): number {
  const { periods, periodLength, discountRate } = options;
  if (!(Number.isInteger(periods) && periods >= 0 && periodLength > 0 && discountRate > -1)) {
    throw new RangeError('periods must be a non-negative integer, periodLength > 0, rate > −1');
  }
  let previous = 0;
  let discount = 1;
  let total = 0;
  for (let k = 1; k <= periods; k++) {
    const cumulative = expectedPurchasesIfAlive(params, x, T, k * periodLength);
    discount /= 1 + discountRate;
    total += (cumulative - previous) * discount;
    previous = cumulative;
  }
  return spend * pAlive(params, x, tx, T) * total;
}
