import type { BgnbdParams } from './bgnbdParams.ts';
import { evaluate, prepareSummaries, type PreparedSummaries } from './bgnbdLogLikelihood.ts';
import type { CustomerSummaries } from './customerSummaries.ts';
import { minimizeBfgs } from './minimize.ts';
import { standardErrors } from './standardErrors.ts';

export interface FitBgnbdOptions {
  /** Starting point; by default r = 1, α = ΣT/Σx (the mean rate's reciprocal), a = 1, b = 1. */
  readonly start?: BgnbdParams;
  /** On the mean log-likelihood per customer, in log-parameters (default 1e-9). */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
}

export interface BgnbdFit {
  readonly params: BgnbdParams;
  /** Σ wᵢ ln Lᵢ at the estimate. */
  readonly logLikelihood: number;
  readonly customers: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/**
 * Maximum-likelihood BG/NBD estimates. BFGS (own implementation, `minimizeBfgs`) on
 * θ = ln(r, α, a, b), so the parameters stay positive without constraints, minimising the mean
 * negative log-likelihood −ℓ/N with its analytic gradient (∂/∂θ = p·∂/∂p). Each evaluation is one
 * pass over the summaries; Γ and ψ are evaluated per distinct x only.
 */
export function fitBgnbd(
  data: CustomerSummaries | PreparedSummaries,
  options: FitBgnbdOptions = {},
): BgnbdFit {
  const prepared = 'totalWeight' in data ? data : prepareSummaries(data);
  if (!(prepared.totalWeight > 0)) throw new RangeError('no customers to fit');
  const start = options.start ?? defaultStart(prepared);
  const total = prepared.totalWeight;
  const natural = new Float64Array(4);
  const result = minimizeBfgs(
    (theta, gradient) => {
      const r = Math.exp(theta[0]!);
      const alpha = Math.exp(theta[1]!);
      const a = Math.exp(theta[2]!);
      const b = Math.exp(theta[3]!);
      const ll = evaluate(prepared, r, alpha, a, b, natural);
      gradient[0] = (-r * natural[0]!) / total;
      gradient[1] = (-alpha * natural[1]!) / total;
      gradient[2] = (-a * natural[2]!) / total;
      gradient[3] = (-b * natural[3]!) / total;
      return -ll / total;
    },
    [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)],
    {
      gradientTolerance: options.gradientTolerance ?? 1e-9,
      maxIterations: options.maxIterations ?? 500,
    },
  );
  return {
    params: {
      r: Math.exp(result.x[0]!),
      alpha: Math.exp(result.x[1]!),
      a: Math.exp(result.x[2]!),
      b: Math.exp(result.x[3]!),
    },
    logLikelihood: -result.value * total,
    customers: total,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}

function defaultStart(data: PreparedSummaries): BgnbdParams {
  let purchases = 0;
  let time = 0;
  for (let j = 0; j < data.distinctX.length; j++) {
    purchases += data.distinctX[j]! * data.distinctWeight[j]!;
  }
  for (let i = 0; i < data.zeroT.length; i++) time += data.zeroWeight[i]! * data.zeroT[i]!;
  for (let i = 0; i < data.repeatT.length; i++) time += data.repeatWeight[i]! * data.repeatT[i]!;
  const alpha = purchases > 0 && time > 0 ? time / purchases : 1;
  return { r: 1, alpha, a: 1, b: 1 };
}

/**
 * Standard errors of (r, α, a, b) at `params` from the observed information (see
 * `standardErrors`), for judging a fit or stating a recovery tolerance.
 */
export function bgnbdStandardErrors(
  params: BgnbdParams,
  data: CustomerSummaries | PreparedSummaries,
): BgnbdParams {
  const prepared = 'totalWeight' in data ? data : prepareSummaries(data);
  const errors = standardErrors(
    (p, out) => evaluate(prepared, p[0]!, p[1]!, p[2]!, p[3]!, out),
    [params.r, params.alpha, params.a, params.b],
  );
  return { r: errors[0]!, alpha: errors[1]!, a: errors[2]!, b: errors[3]! };
}
