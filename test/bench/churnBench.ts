import {
  expectedPurchases,
  fitBgnbd,
  fitGammaGamma,
  groupSummaries,
  pAlive,
  simulateBgnbd,
  simulateGammaGamma,
  type BgnbdParams,
  type CustomerSummaries,
} from '@touchline/journey';
import { timed, type BenchRow } from './table.ts';

const CDNOW: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const HORIZON = 13; // weeks: "purchases in the next quarter"

/** The trivially cheap loop over the same arrays, (α+T)/(α+t_x) per customer: the "raw" column. */
function baseline(data: CustomerSummaries, alpha: number): number {
  let best = Infinity;
  let sink = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    for (let i = 0; i < data.x.length; i++) sink += (alpha + data.T[i]!) / (alpha + data.tx[i]!);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  if (Number.isNaN(sink)) throw new Error('baseline produced NaN');
  return best;
}

/**
 * BG/NBD and Gamma-Gamma on simulated customers (CDNOW-like parameters, births spread over a
 * year, so T is uniform on 1..52 weeks): fit time on 1M (x, t_x, T) summaries (× scale), the same
 * at day resolution after grouping identical rows, scoring throughput (P(alive) and expected
 * purchases in the next 13 weeks per customer) and the Gamma-Gamma fit on the repeat customers.
 */
export async function churnBench(scale: number): Promise<BenchRow[]> {
  const customers = Math.round(1_000_000 * scale);
  const data = simulateBgnbd(CDNOW, { customers, seed: 42, minT: 1, maxT: 52 });
  const raw = baseline(data, CDNOW.alpha);
  const rows: BenchRow[] = [];
  const row = (kase: string, seconds: number, note: string): BenchRow => ({
    suite: 'churn',
    engine: 'node',
    case: kase,
    events: customers,
    seconds,
    rawSeconds: raw,
    note,
  });

  let passes = 0;
  let fitted = CDNOW;
  const fitSeconds = await timed(() => {
    const fit = fitBgnbd(data);
    passes = fit.evaluations;
    fitted = fit.params;
    if (!fit.converged) throw new Error('BG/NBD fit did not converge');
    return Promise.resolve();
  });
  rows.push(
    row(
      'BG/NBD fit',
      fitSeconds,
      `customers/s; ${passes} LL+gradient passes; raw: (α+T)/(α+t_x) loop`,
    ),
  );

  const days: CustomerSummaries = {
    x: data.x,
    tx: data.tx.map((v) => Math.round(v * 7) / 7),
    T: data.T.map((v) => Math.round(v * 7) / 7),
  };
  let distinct = 0;
  const groupedSeconds = await timed(() => {
    const grouped = groupSummaries(days);
    distinct = grouped.x.length;
    if (!fitBgnbd(grouped).converged) throw new Error('grouped BG/NBD fit did not converge');
    return Promise.resolve();
  });
  rows.push(
    row(
      'BG/NBD fit, day resolution, grouped',
      groupedSeconds,
      `incl. grouping into ${distinct.toLocaleString('en-US')} distinct (x, t_x, T)`,
    ),
  );

  let sink = 0;
  const scoreSeconds = await timed(() => {
    for (let i = 0; i < customers; i++) {
      const x = data.x[i]!;
      const tx = data.tx[i]!;
      const T = data.T[i]!;
      sink += pAlive(fitted, x, tx, T) + expectedPurchases(fitted, x, tx, T, HORIZON);
    }
    return Promise.resolve();
  });
  if (!Number.isFinite(sink)) throw new Error('scores are not finite');
  rows.push(
    row('score P(alive) + E[Y(13 wk)]', scoreSeconds, 'customers/s; raw: (α+T)/(α+t_x) loop'),
  );

  const monetary = simulateGammaGamma({ p: 6.25, q: 3.74, gamma: 15.44 }, data.x, 7);
  let repeaters = 0;
  const spendSeconds = await timed(() => {
    const fit = fitGammaGamma(data.x, monetary);
    repeaters = fit.customers;
    if (!fit.converged) throw new Error('Gamma-Gamma fit did not converge');
    return Promise.resolve();
  });
  rows.push(
    row(
      'Gamma-Gamma fit',
      spendSeconds,
      `customers/s over all; ${repeaters.toLocaleString('en-US')} with repeat purchases`,
    ),
  );
  return rows;
}
