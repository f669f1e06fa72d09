import type { BgnbdParams } from './bgnbdParams.ts';
import { fitBgnbd } from './fitBgnbd.ts';
import { fitGammaGamma, type GammaGammaParams } from './gammaGamma.ts';
import {
  rfmSummary,
  type RfmSummary,
  type RfmSummaryOptions,
  type Transaction,
} from './rfmSummary.ts';

export interface FitChurnModelOptions extends RfmSummaryOptions {
  /** Fewest customers born in the window to fit BG/NBD (default 50). */
  readonly minCustomers?: number;
  /** Fewest of them with a repeat purchase day (default 10): a and b need repeat buyers. */
  readonly minRepeatCustomers?: number;
  /** Fewest repeat buyers with a positive mean spend to fit Gamma-Gamma too (default 50). */
  readonly minSpendCustomers?: number;
}

export interface ChurnFit {
  readonly summary: RfmSummary;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly bgnbd: BgnbdParams & { readonly logLikelihood: number };
  /** Absent when fewer than `minSpendCustomers` repeat buyers spent anything (or no fit). */
  readonly gammaGamma?: GammaGammaParams;
}

/** The window's data cannot support a fit: too few customers or repeat buyers, or no optimum. */
export class ChurnFitError extends Error {
  readonly customers: number;
  readonly repeatCustomers: number;
  constructor(message: string, customers: number, repeatCustomers: number) {
    super(message);
    this.name = 'ChurnFitError';
    this.customers = customers;
    this.repeatCustomers = repeatCustomers;
  }
}

/**
 * Fits a project's purchase models over a calibration window: `rfmSummary` (same-day orders
 * merged, time in `unitDays`), BG/NBD by maximum likelihood, and Gamma-Gamma on the repeat
 * buyers' mean spend when there are enough of them. Throws a `ChurnFitError` when the data are
 * too thin for BG/NBD or its fit does not converge.
 */
export function fitChurnModel(
  transactions: Iterable<Transaction>,
  options: FitChurnModelOptions,
): ChurnFit {
  const summary = rfmSummary(transactions, options);
  const customers = summary.customerIds.length;
  let repeatCustomers = 0;
  let spendCustomers = 0;
  for (let i = 0; i < customers; i++) {
    if (summary.x[i]! > 0) repeatCustomers++;
    if (summary.x[i]! > 0 && summary.monetary[i]! > 0) spendCustomers++;
  }
  const minCustomers = options.minCustomers ?? 50;
  const minRepeat = options.minRepeatCustomers ?? 10;
  if (customers < minCustomers || repeatCustomers < minRepeat) {
    throw new ChurnFitError(
      `Too few customers to fit: ${customers} first ordered in the window (need ${minCustomers}), ` +
        `${repeatCustomers} ordered again on a later day (need ${minRepeat})`,
      customers,
      repeatCustomers,
    );
  }
  const fit = fitBgnbd(summary);
  if (!fit.converged)
    throw new ChurnFitError(
      `BG/NBD fit did not converge on ${customers} customers (${repeatCustomers} repeat buyers); ` +
        'the window does not identify the model, try a longer one',
      customers,
      repeatCustomers,
    );
  const bgnbd = { ...fit.params, logLikelihood: fit.logLikelihood };
  if (spendCustomers < (options.minSpendCustomers ?? 50))
    return { summary, customers, repeatCustomers, bgnbd };
  const spend = fitGammaGamma(summary.x, summary.monetary);
  return {
    summary,
    customers,
    repeatCustomers,
    bgnbd,
    ...(spend.converged ? { gammaGamma: spend.params } : {}),
  };
}
