import type { CustomerSummaries } from './customerSummaries.ts';

export interface Transaction {
  readonly customerId: string;
  /** A Date or ISO-8601 text; bucketed into UTC calendar days. */
  readonly at: Date | string;
  readonly amount: number;
}

export interface RfmSummaryOptions {
  /** First day of the calibration period (inclusive): the cohort is born on or after it. */
  readonly start: Date | string;
  /** Last day of the calibration period (inclusive): T is measured up to it. */
  readonly end: Date | string;
  /** Days per time unit of t_x and T (default 7: weeks). */
  readonly unitDays?: number;
}

export interface RfmSummary extends CustomerSummaries {
  readonly customerIds: readonly string[];
  /** Mean value of the x repeat purchase days (each day's orders summed); 0 when x = 0. */
  readonly monetary: Float64Array;
}

const DAY_MS = 86_400_000;

/**
 * Per-customer (x, t_x, T, monetary) for the calibration period [start, end], as the BG/NBD and
 * Gamma-Gamma literature builds them (Fader, Hardie & Lee 2005):
 *
 * - transactions are bucketed into UTC calendar days and one customer's orders on the same day are
 *   merged into one purchase (their amounts summed);
 * - a customer's first purchase day is their birth; the cohort is the customers born in
 *   [start, end] (customers with a purchase before `start` are left out: they were born earlier);
 * - x = purchase days after the birth day up to `end`, t_x = days from birth to the last of them,
 *   T = days from birth to `end`, both divided by `unitDays`; transactions after `end` are ignored;
 * - monetary = mean of the repeat days' totals (the first purchase is excluded, as in the
 *   Gamma-Gamma spend model).
 *
 * Customers come out in order of first appearance in `transactions`.
 */
export function rfmSummary(
  transactions: Iterable<Transaction>,
  options: RfmSummaryOptions,
): RfmSummary {
  const startDay = dayOf(options.start);
  const endDay = dayOf(options.end);
  const unit = options.unitDays ?? 7;
  if (endDay < startDay) throw new RangeError('calibration end is before its start');
  if (!(unit > 0)) throw new RangeError('unitDays must be positive');

  const days = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    const day = dayOf(t.at);
    if (!Number.isFinite(t.amount)) throw new RangeError(`invalid amount for ${t.customerId}`);
    let byDay = days.get(t.customerId);
    if (byDay === undefined) {
      byDay = new Map();
      days.set(t.customerId, byDay);
    }
    byDay.set(day, (byDay.get(day) ?? 0) + t.amount);
  }

  const ids: string[] = [];
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const monetary: number[] = [];
  for (const [id, byDay] of days) {
    let birth = Infinity;
    for (const day of byDay.keys()) birth = Math.min(birth, day);
    if (birth < startDay || birth > endDay) continue;
    let repeats = 0;
    let last = birth;
    let spend = 0;
    for (const [day, amount] of byDay) {
      if (day === birth || day > endDay) continue;
      repeats++;
      spend += amount;
      last = Math.max(last, day);
    }
    ids.push(id);
    x.push(repeats);
    tx.push((last - birth) / unit);
    T.push((endDay - birth) / unit);
    monetary.push(repeats > 0 ? spend / repeats : 0);
  }
  return {
    customerIds: ids,
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    monetary: Float64Array.from(monetary),
  };
}

function dayOf(at: Date | string): number {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`invalid date: ${String(at)}`);
  return Math.floor(ms / DAY_MS);
}
