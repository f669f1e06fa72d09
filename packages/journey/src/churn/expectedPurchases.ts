import type { BgnbdParams } from './bgnbdParams.ts';
import { logGamma } from './logGamma.ts';
import { pAlive } from './pAlive.ts';

const SERIES_TERMS = 1500;
const EPSILON = 1e-16;

/**
 * E[Y(t) | x, t_x, T]: expected repeat purchases in the next t (same unit as T) of a customer with
 * summary (x, t_x, T) under BG/NBD. Fader, Hardie & Lee (2005, eq. 10) write it as
 *
 *   P(alive) · (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)],
 *   z = t/(α+T+t),
 *
 * which as printed cancels catastrophically (for a < 1 both factors are negative, the 2F1 grows
 * like (1−z)^(−x) for large x, and it is 0/0 at a = 1). With r' = r+x, b' = b+x, C = a+b'−1 and
 * Euler's transformation (1−z)^(r') 2F1(r', b'; C; z) = (1−z)^(a−1) 2F1(C−r', a−1; C; z), whose
 * terms beyond the first all carry the factor (a−1), it becomes
 *
 *   E[Y | alive] = C·(−L)·exprel((a−1)L) − (1−z)^(a−1) · Σ_{k≥1} (C−r')_k (a)_{k−1} / ((C+1)_{k−1} k!) z^k
 *
 * with L = ln(1−z) and exprel(y) = (eʸ−1)/y: no division by a−1, no (1−z)^(−x), exact at a = 1.
 * The series converges geometrically at rate z and, because its coefficients fall like k!/C^k while
 * k ≪ C, in a handful of terms for large x. When it would need more than 1,500 terms (z ≳ 0.97, a
 * long horizon for a young customer) the same expectation is integrated instead: E[Y | alive] =
 * E[(1 − (1 + p t/(α+T))^(−r')) / p] over p ~ Beta(a, b'), by tanh-sinh quadrature in log space.
 */
export function expectedPurchases(
  params: BgnbdParams,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  if (!(t > 0)) return t === 0 ? 0 : NaN;
  return pAlive(params, x, tx, T) * expectedPurchasesIfAlive(params, x, T, t);
}

/** E[Y(t) | x, T, alive at T]: the expectation above without the P(alive) factor. */
export function expectedPurchasesIfAlive(
  params: BgnbdParams,
  x: number,
  T: number,
  t: number,
): number {
  if (!(t > 0)) return t === 0 ? 0 : NaN;
  const { r, alpha, a, b } = params;
  const rx = r + x;
  const aT = alpha + T;
  const c = a + b + x - 1;
  const z = t / (aT + t);
  const logOneMinusZ = -Math.log1p(t / aT);
  const y = (a - 1) * logOneMinusZ;
  const first = c * -logOneMinusZ * exprel(y);

  // Σ_{k≥1} u_k, u_1 = (C−r')z, u_{k+1}/u_k = (C−r'+k)(a+k−1)/((C+k)(k+1)) z.
  const tail = (EPSILON * (1 - z)) / z;
  const cr = c - rx;
  let term = cr * z;
  let sum = term;
  for (let k = 1; k < SERIES_TERMS; k++) {
    if (term === 0) return first - Math.exp(y) * sum;
    const ratio = (((cr + k) * (a + k - 1)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    sum += term;
    if (Math.abs(ratio) < 1 && Math.abs(term) <= tail * Math.abs(sum)) {
      return first - Math.exp(y) * sum;
    }
  }
  return betaQuadrature(rx, a, b + x, t / aT);
}

/**
 * The same expectation by quadrature alone — the fallback above; slower (tens of µs) but valid for
 * any t, used to cross-check the series.
 */
export function expectedPurchasesIfAliveByQuadrature(
  params: BgnbdParams,
  x: number,
  T: number,
  t: number,
): number {
  if (!(t > 0)) return t === 0 ? 0 : NaN;
  return betaQuadrature(params.r + x, params.a, params.b + x, t / (params.alpha + T));
}

/** (eʸ − 1)/y, accurate near 0. */
function exprel(y: number): number {
  return Math.abs(y) < 1e-5 ? 1 + y / 2 + (y * y) / 6 : Math.expm1(y) / y;
}

/**
 * E[(1 − (1 + pτ)^(−r')) / p] for p ~ Beta(a, b'), by tanh-sinh quadrature: p = σ(π sinh s), the
 * trapezoid rule in s halving the step until two levels agree to 1e-12. ln p and ln(1−p) are taken
 * from the softplus of π sinh s, so endpoint singularities (a < 1, b' < 1) and tiny p stay exact.
 */
function betaQuadrature(rx: number, a: number, b: number, tau: number): number {
  const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  const g = (s: number): number => {
    const u = Math.PI * Math.sinh(s);
    const logP = -softplus(-u);
    const logQ = -softplus(u);
    const p = Math.exp(logP);
    const h = p === 0 ? rx * tau : -Math.expm1(-rx * Math.log1p(p * tau)) / p;
    return h * Math.exp(a * logP + b * logQ - logBeta) * Math.PI * Math.cosh(s);
  };
  // Sum over s = k·step, walking outwards from 0 until the terms are negligible.
  const sweep = (step: number, offset: number, stride: number): number => {
    let total = 0;
    for (const direction of [1, -1]) {
      for (let k = offset; ; k += stride) {
        const s = direction * k * step;
        if (Math.abs(s) > 12) break;
        if (k === 0 && direction === -1) continue;
        const v = g(s);
        total += v;
        if (Math.abs(s) > 2 && v < 1e-20 * Math.abs(total)) break;
      }
    }
    return total;
  };
  let step = 0.5;
  let sum = sweep(step, 0, 1);
  let estimate = sum * step;
  for (let level = 0; level < 12; level++) {
    step /= 2;
    sum += sweep(step, 1, 2);
    const next = sum * step;
    if (Math.abs(next - estimate) <= 1e-12 * Math.abs(next)) return next;
    estimate = next;
  }
  return estimate;
}

function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}
