/**
 * Asymptotic standard errors of a maximum-likelihood estimate: the square roots of the diagonal
 * of the inverse observed information −H⁻¹, with the Hessian H of the log-likelihood taken by
 * central differences of its analytic gradient (step `relativeStep`·|θᵢ|) and symmetrised.
 * NaN entries when the Hessian is not negative definite.
 */
export function standardErrors(
  gradient: (at: Float64Array, out: Float64Array) => void,
  at: ArrayLike<number>,
  relativeStep = 1e-5,
): Float64Array {
  const n = at.length;
  const point = Float64Array.from(at);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const hessian = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const h = relativeStep * Math.max(Math.abs(point[j]!), 1e-8);
    const saved = point[j]!;
    point[j] = saved + h;
    gradient(point, plus);
    point[j] = saved - h;
    gradient(point, minus);
    point[j] = saved;
    for (let i = 0; i < n; i++) hessian[i * n + j] = (plus[i]! - minus[i]!) / (2 * h);
  }
  const information = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      information[i * n + j] = -(hessian[i * n + j]! + hessian[j * n + i]!) / 2;
    }
  }
  const covariance = invert(information, n);
  const errors = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = covariance ? covariance[i * n + i]! : NaN;
    errors[i] = v > 0 ? Math.sqrt(v) : NaN;
  }
  return errors;
}

/** Gauss–Jordan inverse with partial pivoting; undefined when singular. */
function invert(matrix: Float64Array, n: number): Float64Array | undefined {
  const m = Float64Array.from(matrix);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(m[row * n + col]!) > Math.abs(m[pivot * n + col]!)) pivot = row;
    }
    const p = m[pivot * n + col]!;
    if (p === 0 || !Number.isFinite(p)) return undefined;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        swap(m, col * n + k, pivot * n + k);
        swap(inv, col * n + k, pivot * n + k);
      }
    }
    for (let k = 0; k < n; k++) {
      m[col * n + k]! /= p;
      inv[col * n + k]! /= p;
    }
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const f = m[row * n + col]!;
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        m[row * n + k]! -= f * m[col * n + k]!;
        inv[row * n + k]! -= f * inv[col * n + k]!;
      }
    }
  }
  return inv;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
