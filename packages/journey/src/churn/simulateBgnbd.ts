import type { BgnbdParams } from './bgnbdParams.ts';
import type { CustomerSummaries } from './customerSummaries.ts';
import { seededRandom } from './seededRandom.ts';

export interface SimulateBgnbdOptions {
  readonly customers: number;
  readonly seed: number;
  /** Each customer's observation length T is uniform on [minT, maxT] (births spread over time). */
  readonly minT: number;
  readonly maxT: number;
  /** Also count purchases in (T, T + holdout] (default 0: none). */
  readonly holdout?: number;
}

export interface SimulatedCustomers extends CustomerSummaries {
  /** 1 when the customer is still alive at T. */
  readonly alive: Uint8Array;
  /** Purchases in the holdout period after T. */
  readonly holdoutPurchases: Float64Array;
}

/**
 * Customers drawn from the BG/NBD story with known parameters: λ ~ Gamma(r, α), p ~ Beta(a, b);
 * from the first purchase at time 0, purchases arrive at rate λ and after each repeat purchase the
 * customer drops out with probability p. Deterministic for a given seed.
 */
export function simulateBgnbd(
  params: BgnbdParams,
  options: SimulateBgnbdOptions,
): SimulatedCustomers {
  const { customers: n, minT, maxT } = options;
  const holdout = options.holdout ?? 0;
  const random = seededRandom(options.seed);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const alive = new Uint8Array(n);
  const holdoutPurchases = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = random.gamma(params.r, params.alpha);
    const p = random.beta(params.a, params.b);
    const observed = minT + (maxT - minT) * random.uniform();
    const end = observed + holdout;
    let t = 0;
    let purchases = 0;
    let last = 0;
    let later = 0;
    let death = Infinity;
    for (;;) {
      t += random.exponential(lambda);
      if (!(t <= end)) break;
      if (t <= observed) {
        purchases++;
        last = t;
      } else {
        later++;
      }
      if (random.uniform() < p) {
        death = t;
        break;
      }
    }
    x[i] = purchases;
    tx[i] = last;
    T[i] = observed;
    alive[i] = death > observed ? 1 : 0;
    holdoutPurchases[i] = later;
  }
  return { x, tx, T, alive, holdoutPurchases };
}
