import type { BgnbdParams } from './bgnbdParams.ts';
import { checkSummaries, type CustomerSummaries } from './customerSummaries.ts';
import { digamma } from './digamma.ts';
import { logGamma } from './logGamma.ts';

/**
 * Summaries rearranged for repeated likelihood evaluation: rows with x = 0 apart (they only need
 * ln(α+T)), rows with x > 0 with an index into the distinct x values, whose Γ and ψ terms are
 * computed once per evaluation instead of once per customer.
 */
export interface PreparedSummaries {
  readonly distinctX: Float64Array;
  /** Total weight of the rows with each distinct x. */
  readonly distinctWeight: Float64Array;
  readonly zeroT: Float64Array;
  readonly zeroWeight: Float64Array;
  readonly repeatX: Float64Array;
  readonly repeatIndex: Int32Array;
  readonly repeatTx: Float64Array;
  readonly repeatT: Float64Array;
  readonly repeatWeight: Float64Array;
  readonly totalWeight: number;
}

/** Validates and rearranges summaries for `bgnbdLogLikelihood` / `fitBgnbd`. */
export function prepareSummaries(data: CustomerSummaries): PreparedSummaries {
  checkSummaries(data);
  const n = data.x.length;
  const weightOf = (i: number) => (data.weight ? data.weight[i]! : 1);
  const slot = new Map<number, number>();
  const distinct: number[] = [];
  const distinctWeight: number[] = [];
  let zeros = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i]!;
    totalWeight += weightOf(i);
    if (x === 0) zeros++;
    let at = slot.get(x);
    if (at === undefined) {
      at = distinct.length;
      slot.set(x, at);
      distinct.push(x);
      distinctWeight.push(0);
    }
    distinctWeight[at]! += weightOf(i);
  }
  const zeroT = new Float64Array(zeros);
  const zeroWeight = new Float64Array(zeros);
  const repeats = n - zeros;
  const repeatX = new Float64Array(repeats);
  const repeatIndex = new Int32Array(repeats);
  const repeatTx = new Float64Array(repeats);
  const repeatT = new Float64Array(repeats);
  const repeatWeight = new Float64Array(repeats);
  let z = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i]!;
    if (x === 0) {
      zeroT[z] = data.T[i]!;
      zeroWeight[z++] = weightOf(i);
    } else {
      repeatX[k] = x;
      repeatIndex[k] = slot.get(x)!;
      repeatTx[k] = data.tx[i]!;
      repeatT[k] = data.T[i]!;
      repeatWeight[k++] = weightOf(i);
    }
  }
  return {
    distinctX: Float64Array.from(distinct),
    distinctWeight: Float64Array.from(distinctWeight),
    zeroT,
    zeroWeight,
    repeatX,
    repeatIndex,
    repeatTx,
    repeatT,
    repeatWeight,
    totalWeight,
  };
}

/**
 * The BG/NBD log-likelihood Σᵢ wᵢ ln Lᵢ, and its gradient with respect to (r, α, a, b) written
 * into `gradient` when given. Per customer, in log space (Fader, Hardie & Lee 2005, eq. 6):
 *
 *   ln L = A₁ + A₂ + ln(e^A₃ + δ(x>0) e^A₄)
 *   A₁ = ln Γ(r+x) − ln Γ(r) + r ln α
 *   A₂ = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)
 *   A₃ = −(r+x) ln(α+T)
 *   A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x)
 *
 * and the last term as A₃ + softplus(A₄ − A₃), which cannot overflow for any x.
 */
export function bgnbdLogLikelihood(
  params: BgnbdParams,
  data: CustomerSummaries | PreparedSummaries,
  gradient?: Float64Array,
): number {
  const prepared = 'totalWeight' in data ? data : prepareSummaries(data);
  return evaluate(prepared, params.r, params.alpha, params.a, params.b, gradient);
}

/** The kernel behind `bgnbdLogLikelihood`; `gradient` (length 4) receives ∂/∂(r, α, a, b). */
export function evaluate(
  data: PreparedSummaries,
  r: number,
  alpha: number,
  a: number,
  b: number,
  gradient?: Float64Array,
): number {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return NaN;
  const lnAlpha = Math.log(alpha);
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  const lnA = Math.log(a);

  // Terms that depend on x only (A₁ + A₂), weighted by the rows sharing each x.
  const m = data.distinctX.length;
  const c4 = new Float64Array(m); // ln a − ln(b+x−1)
  const invB = new Float64Array(m); // 1/(b+x−1)
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (let j = 0; j < m; j++) {
    const x = data.distinctX[j]!;
    const w = data.distinctWeight[j]!;
    ll +=
      w *
      (logGamma(r + x) - lgR + r * lnAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x));
    if (gradient) {
      const psiABX = digamma(a + b + x);
      gr += w * (digamma(r + x) - psiR + lnAlpha);
      gAlpha += (w * r) / alpha;
      ga += w * (psiAB - psiABX);
      gb += w * (psiAB + digamma(b + x) - psiB - psiABX);
    }
    if (x > 0) {
      c4[j] = lnA - Math.log(b + x - 1);
      invB[j] = 1 / (b + x - 1);
    }
  }

  // x = 0: ln L gets A₃ = −r ln(α+T).
  const zeroT = data.zeroT;
  const zeroWeight = data.zeroWeight;
  let sumLog = 0;
  let sumInv = 0;
  for (let i = 0; i < zeroT.length; i++) {
    const w = zeroWeight[i]!;
    const at = alpha + zeroT[i]!;
    sumLog += w * Math.log(at);
    sumInv += w / at;
  }
  ll -= r * sumLog;
  gr -= sumLog;
  gAlpha -= r * sumInv;

  // x > 0: A₃ + softplus(d), d = A₄ − A₃; the weight of the A₄ branch is s = sigmoid(d).
  const xs = data.repeatX;
  const idx = data.repeatIndex;
  const txs = data.repeatTx;
  const Ts = data.repeatT;
  const ws = data.repeatWeight;
  let l = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = ws[i]!;
    const j = idx[i]!;
    const rx = r + xs[i]!;
    const aT = alpha + Ts[i]!;
    const aTx = alpha + txs[i]!;
    const l3 = Math.log(aT);
    const lr = Math.log(aTx / aT); // ≤ 0
    const d = c4[j]! - rx * lr;
    const e = Math.exp(-Math.abs(d));
    const s = d >= 0 ? 1 / (1 + e) : e / (1 + e);
    l += w * (-rx * l3 + (d > 0 ? d : 0) + Math.log1p(e));
    dr -= w * (l3 + s * lr);
    dAlpha -= w * rx * ((1 - s) / aT + s / aTx);
    da += w * s;
    db -= w * s * invB[j]!;
  }
  ll += l;
  if (gradient) {
    gradient[0] = gr + dr;
    gradient[1] = gAlpha + dAlpha;
    gradient[2] = ga + da / a;
    gradient[3] = gb + db;
  }
  return ll;
}
