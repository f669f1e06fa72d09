import { digamma } from './digamma.ts';
import { logGamma } from './logGamma.ts';
import { minimizeBfgs } from './minimize.ts';
import { standardErrors } from './standardErrors.ts';

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: Using iso-value curves for
 * customer base analysis"): a customer's transaction values are Gamma(p, ν) (shape p, rate ν),
 * ν ~ Gamma(q, γ) across customers; spend is independent of the purchase process.
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

export interface GammaGammaFit {
  readonly params: GammaGammaParams;
  readonly logLikelihood: number;
  /** Customers used: those with x > 0 and a positive mean spend. */
  readonly customers: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

interface Prepared {
  readonly x: Float64Array;
  readonly m: Float64Array;
  /** ln(m̄x) per customer. */
  readonly logMx: Float64Array;
  readonly index: Int32Array;
  readonly distinctX: Float64Array;
  readonly distinctCount: Float64Array;
  /** −Σ ln m̄ (the Jacobian term, free of parameters). */
  readonly constant: number;
}

function prepare(x: ArrayLike<number>, monetary: ArrayLike<number>): Prepared {
  if (x.length !== monetary.length) throw new RangeError('x and monetary differ in length');
  let n = 0;
  for (let i = 0; i < x.length; i++) if (usable(x[i]!, monetary[i]!)) n++;
  const xs = new Float64Array(n);
  const ms = new Float64Array(n);
  const logMx = new Float64Array(n);
  const index = new Int32Array(n);
  const slot = new Map<number, number>();
  const distinct: number[] = [];
  const counts: number[] = [];
  let constant = 0;
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const mi = monetary[i]!;
    if (!usable(xi, mi)) continue;
    let at = slot.get(xi);
    if (at === undefined) {
      at = distinct.length;
      slot.set(xi, at);
      distinct.push(xi);
      counts.push(0);
    }
    counts[at]! += 1;
    xs[k] = xi;
    ms[k] = mi;
    logMx[k] = Math.log(mi * xi);
    index[k++] = at;
    constant -= Math.log(mi);
  }
  return {
    x: xs,
    m: ms,
    logMx,
    index,
    distinctX: Float64Array.from(distinct),
    distinctCount: Float64Array.from(counts),
    constant,
  };
}

const usable = (x: number, m: number) => x > 0 && m > 0 && Number.isFinite(m);

/**
 * Σ ln f(m̄ᵢ | p, q, γ, xᵢ) over customers with x > 0 and m̄ > 0, where m̄ is the mean of x
 * transaction values, so m̄ | ν ~ Gamma(px, νx) and, integrating ν out,
 *
 *   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
 *
 * `gradient` (length 3) receives ∂/∂(p, q, γ).
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  x: ArrayLike<number>,
  monetary: ArrayLike<number>,
  gradient?: Float64Array,
): number {
  return evaluate(prepare(x, monetary), params.p, params.q, params.gamma, gradient);
}

function evaluate(
  data: Prepared,
  p: number,
  q: number,
  gamma: number,
  gradient?: Float64Array,
): number {
  if (!(p > 0 && q > 0 && gamma > 0)) return NaN;
  const lnGamma = Math.log(gamma);
  const lgQ = logGamma(q);
  const psiQ = digamma(q);
  // Terms that depend on x only, once per distinct x.
  let ll = data.constant;
  let gp = 0;
  let gq = 0;
  for (let j = 0; j < data.distinctX.length; j++) {
    const x = data.distinctX[j]!;
    const count = data.distinctCount[j]!;
    const psiSum = digamma(p * x + q);
    ll += count * (logGamma(p * x + q) - logGamma(p * x) - lgQ);
    gp += count * x * (psiSum - digamma(p * x));
    gq += count * (psiSum - psiQ);
  }
  // Per customer, regrouped so that no large sums cancel:
  // (px−1) ln m̄ + px ln x + q ln γ − (px+q) ln(γ+m̄x) = px ln(m̄x/(γ+m̄x)) + q ln(γ/(γ+m̄x)) − ln m̄.
  const xs = data.x;
  const ms = data.m;
  const logMx = data.logMx;
  const qOverGamma = q / gamma;
  let l = 0;
  let dp = 0;
  let dq = 0;
  let dg = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const spend = gamma + ms[i]! * x;
    const lnSpend = Math.log(spend);
    const own = logMx[i]! - lnSpend;
    const shared = lnGamma - lnSpend;
    l += p * x * own + q * shared;
    dp += x * own;
    dq += shared;
    dg += qOverGamma - (p * x + q) / spend;
  }
  if (gradient) {
    gradient[0] = gp + dp;
    gradient[1] = gq + dq;
    gradient[2] = dg;
  }
  return ll + l;
}

/**
 * Maximum-likelihood Gamma-Gamma estimates from each customer's number of repeat transactions x
 * and their mean value m̄ (customers with x = 0 or m̄ ≤ 0 are skipped), by BFGS on ln(p, q, γ)
 * with the analytic gradient. Starts from p = 1, q = 2, γ = mean m̄ (which matches the mean).
 */
export function fitGammaGamma(
  x: ArrayLike<number>,
  monetary: ArrayLike<number>,
  options: { readonly start?: GammaGammaParams; readonly gradientTolerance?: number } = {},
): GammaGammaFit {
  const data = prepare(x, monetary);
  const n = data.x.length;
  if (n === 0) throw new RangeError('no customers with repeat purchases to fit');
  let meanSpend = 0;
  for (let i = 0; i < n; i++) meanSpend += data.m[i]! / n;
  const start = options.start ?? { p: 1, q: 2, gamma: meanSpend };
  const natural = new Float64Array(3);
  const result = minimizeBfgs(
    (theta, gradient) => {
      const p = Math.exp(theta[0]!);
      const q = Math.exp(theta[1]!);
      const gamma = Math.exp(theta[2]!);
      const ll = evaluate(data, p, q, gamma, natural);
      gradient[0] = (-p * natural[0]!) / n;
      gradient[1] = (-q * natural[1]!) / n;
      gradient[2] = (-gamma * natural[2]!) / n;
      return -ll / n;
    },
    [Math.log(start.p), Math.log(start.q), Math.log(start.gamma)],
    { gradientTolerance: options.gradientTolerance ?? 1e-9 },
  );
  return {
    params: {
      p: Math.exp(result.x[0]!),
      q: Math.exp(result.x[1]!),
      gamma: Math.exp(result.x[2]!),
    },
    logLikelihood: -result.value * n,
    customers: n,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}

/** Standard errors of (p, q, γ) at `params` from the observed information. */
export function gammaGammaStandardErrors(
  params: GammaGammaParams,
  x: ArrayLike<number>,
  monetary: ArrayLike<number>,
): GammaGammaParams {
  const data = prepare(x, monetary);
  const errors = standardErrors(
    (at, out) => evaluate(data, at[0]!, at[1]!, at[2]!, out),
    [params.p, params.q, params.gamma],
  );
  return { p: errors[0]!, q: errors[1]!, gamma: errors[2]! };
}

/**
 * E[M | p, q, γ, m̄, x]: the customer's expected transaction value given x repeat transactions of
 * mean m̄ — a weighted mean of the population mean pγ/(q−1) and the customer's own m̄,
 *
 *   E = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m̄ = p(γ + m̄x)/(px+q−1),
 *
 * and the population mean pγ/(q−1) when x = 0 (Infinity when q ≤ 1: the mean does not exist).
 */
export function expectedAverageSpend(
  params: GammaGammaParams,
  x: number,
  monetary: number,
): number {
  const { p, q, gamma } = params;
  if (x === 0) return q > 1 ? (p * gamma) / (q - 1) : Infinity;
  const denominator = p * x + q - 1;
  return denominator > 0 ? (p * (gamma + monetary * x)) / denominator : Infinity;
}
