import type { ChurnModel } from '../churnModel.ts';
import { expectedPurchasesIfAlive } from '../expectedPurchases.ts';
import { expectedAverageSpend } from '../gammaGamma.ts';
import { pAlive } from '../pAlive.ts';
import type { CustomerFact } from '../signals/churnSignal.ts';
import { DAY_MS } from '../signals/factTime.ts';

/** A customer's purchases as the BG/NBD model sees them at one instant (time in the model's unit). */
export interface ModelInputs {
  /** Birth: the start (UTC midnight) of the first purchase day, in ms. */
  readonly birthMs: number;
  /** Repeat purchase days (distinct UTC days after the first). */
  readonly x: number;
  /** From birth to the last purchase day. */
  readonly tx: number;
  /** From birth to the instant. */
  readonly T: number;
  /** Mean total of the repeat days (0 when x = 0). */
  readonly monetary: number;
  /** Mean amount per purchase day, all days (0 without amounts). */
  readonly meanDaySpend: number;
}

const amountOf = (fact: CustomerFact): number => {
  const amount = fact.data['amount'];
  return typeof amount === 'number' && Number.isFinite(amount) ? amount : 0;
};

/**
 * The RFM inputs of the model from a customer's purchases up to `atMs` (as `rfmSummary` builds
 * them: same-day purchases merged, the first day is the birth), except that T runs to the exact
 * instant so P(alive) falls continuously between facts. Undefined without a purchase.
 */
export function modelInputs(
  bought: readonly CustomerFact[],
  atMs: number,
  unitDays: number,
): ModelInputs | undefined {
  const byDay = new Map<number, number>();
  for (const fact of bought) {
    const day = Math.floor(fact.occurredAt.getTime() / DAY_MS);
    byDay.set(day, (byDay.get(day) ?? 0) + amountOf(fact));
  }
  if (byDay.size === 0) return undefined;
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const birth = days[0]!;
  const last = days.at(-1)!;
  const unit = unitDays * DAY_MS;
  let repeatSpend = 0;
  let allSpend = 0;
  for (const [day, amount] of byDay) {
    allSpend += amount;
    if (day !== birth) repeatSpend += amount;
  }
  const x = days.length - 1;
  return {
    birthMs: birth * DAY_MS,
    x,
    tx: ((last - birth) * DAY_MS) / unit,
    T: (atMs - birth * DAY_MS) / unit,
    monetary: x > 0 ? repeatSpend / x : 0,
    meanDaySpend: allSpend / days.length,
  };
}

/** What the model says of one customer at one instant. */
export interface ModelOutlook {
  readonly version: number;
  readonly pAlive: number;
  /** Expected purchase days in the horizon if still alive, E[Y(h) | alive]. */
  readonly purchasesIfAlive: number;
  /** Expected value of one purchase day: Gamma-Gamma, else the observed mean. */
  readonly spend: number;
}

/** P(alive), expected purchases if alive over `horizonDays`, and expected spend. Pure. */
export function modelOutlook(
  model: ChurnModel,
  inputs: ModelInputs,
  horizonDays: number,
): ModelOutlook {
  const { x, tx, T } = inputs;
  const spend = model.gammaGamma
    ? expectedAverageSpend(model.gammaGamma, x, inputs.monetary)
    : inputs.meanDaySpend;
  return {
    version: model.version,
    pAlive: pAlive(model.bgnbd, x, tx, T),
    purchasesIfAlive: expectedPurchasesIfAlive(model.bgnbd, x, T, horizonDays / model.timeUnitDays),
    spend: Number.isFinite(spend) ? spend : inputs.meanDaySpend,
  };
}

/**
 * The first instant (ms, rounded up) at which P(alive) has fallen to `target`, with the purchases
 * fixed: P(alive) = 1 / (1 + K·((α+T)/(α+t_x))^(r+x)), K = a/(b+x−1), solved for T. Undefined
 * when it never does (x = 0: P(alive) stays 1; target ≤ 0; target ≥ 1 is "now").
 */
export function pAliveFallsTo(
  model: ChurnModel,
  inputs: ModelInputs,
  target: number,
): number | undefined {
  const { r, alpha, a, b } = model.bgnbd;
  const { x, tx } = inputs;
  if (x === 0 || !(target > 0)) return undefined;
  if (target >= 1) return inputs.birthMs;
  const k = a / (b + x - 1);
  const T = (alpha + tx) * Math.pow((1 / target - 1) / k, 1 / (r + x)) - alpha;
  if (!Number.isFinite(T)) return undefined;
  return Math.ceil(inputs.birthMs + T * model.timeUnitDays * DAY_MS);
}
