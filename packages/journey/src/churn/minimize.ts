/** f(x), writing ∇f(x) into `gradient`. May return a non-finite value outside its domain. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when max |∂f/∂xᵢ| falls below this (default 1e-9). */
  readonly gradientTolerance?: number;
  /** Default 500. */
  readonly maxIterations?: number;
  /** Largest max |Δxᵢ| tried in one step (default 5: in log-parameters, a factor e⁵). */
  readonly maxStep?: number;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  /** True when the gradient tolerance was met. */
  readonly converged: boolean;
}

const C1 = 1e-4; // sufficient decrease
const C2 = 0.9; // curvature (strong Wolfe)
// ε of the approximate-Wolfe test, relative to |f| (Hager & Zhang use 1e-6).
const NOISE = 1e-10;

/**
 * Minimises a smooth function with BFGS: an inverse-Hessian approximation H updated from each
 * step s and gradient change y (H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ, ρ = 1/yᵀs, skipped when
 * yᵀs ≤ 0), scaled by yᵀs/yᵀy before the first update; search direction −H∇f; step length from a
 * strong-Wolfe line search (Nocedal & Wright, algorithms 3.5 and 3.6, with safeguarded cubic
 * interpolation), whose sufficient-decrease test also accepts Hager & Zhang's approximate-Wolfe
 * form so that it keeps converging when f's rounding exceeds the decrease still to be had.
 * Non-finite values count as "too far" and shrink the step. When the line search
 * fails, H is reset to the identity once before giving up.
 */
export function minimizeBfgs(
  objective: Objective,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = start.length;
  const tolerance = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 5;

  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let evaluations = 1;
  let value = objective(x, gradient);
  if (!Number.isFinite(value)) throw new RangeError('objective is not finite at the start');

  const h = identity(n);
  let identityH = true;
  const direction = new Float64Array(n);
  const trialX = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);

  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    if (maxAbs(gradient) < tolerance) break;
    multiply(h, gradient, direction, -1);
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      resetIdentity(h);
      identityH = true;
      multiply(h, gradient, direction, -1);
      slope = dot(gradient, direction);
    }
    const largest = maxAbs(direction);
    const initial = largest > maxStep ? maxStep / largest : 1;

    let lastAlpha = NaN;
    const phi = (alpha: number): [number, number] => {
      lastAlpha = alpha;
      for (let i = 0; i < n; i++) trialX[i] = x[i]! + alpha * direction[i]!;
      evaluations++;
      const f = objective(trialX, trialGradient);
      return [Number.isFinite(f) ? f : Infinity, dot(trialGradient, direction)];
    };
    const noise = NOISE * Math.max(1, Math.abs(value));
    const found = lineSearch({ phi, f0: value, slope0: slope, noise }, initial);
    if (found === undefined) {
      if (identityH) break;
      resetIdentity(h);
      identityH = true;
      continue;
    }
    if (found.alpha !== lastAlpha) phi(found.alpha);

    for (let i = 0; i < n; i++) {
      s[i] = trialX[i]! - x[i]!;
      y[i] = trialGradient[i]! - gradient[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-300 && sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (identityH) {
        const scale = sy / dot(y, y);
        for (let i = 0; i < n * n; i++) h[i]! *= scale;
        identityH = false;
      }
      bfgsUpdate(h, s, y, hy, sy);
    }
    x = Float64Array.from(trialX);
    gradient = Float64Array.from(trialGradient);
    value = found.value;
  }
  return {
    x,
    value,
    gradient,
    iterations,
    evaluations,
    converged: maxAbs(gradient) < tolerance,
  };
}

interface Step {
  readonly alpha: number;
  readonly value: number;
}

/**
 * Sufficient decrease at step α: Armijo, f(α) ≤ f(0) + c₁αφ'(0), or — since close to the optimum
 * the decrease a step can bring falls below the rounding of f while the gradient stays accurate —
 * Hager & Zhang's approximate-Wolfe form of it, φ'(α) ≤ (2c₁−1)φ'(0) with f(α) ≤ f(0) + ε.
 */
interface Search {
  readonly phi: (alpha: number) => [number, number];
  readonly f0: number;
  readonly slope0: number;
  readonly noise: number;
}

const decreases = (s: Search, alpha: number, f: number, d: number) =>
  f <= s.f0 + C1 * alpha * s.slope0 || (f <= s.f0 + s.noise && d <= (2 * C1 - 1) * s.slope0);

const curved = (s: Search, d: number) => Math.abs(d) <= -C2 * s.slope0;

function lineSearch(s: Search, initial: number): Step | undefined {
  let previous = 0;
  let fPrevious = s.f0;
  let dPrevious = s.slope0;
  let alpha = initial;
  for (let i = 0; i < 30; i++) {
    const [f, d] = s.phi(alpha);
    if (!decreases(s, alpha, f, d) || (i > 0 && f > fPrevious + s.noise)) {
      return zoom(s, previous, fPrevious, dPrevious, alpha, f, d);
    }
    if (curved(s, d)) return { alpha, value: f };
    if (d >= 0) return zoom(s, alpha, f, d, previous, fPrevious, dPrevious);
    previous = alpha;
    fPrevious = f;
    dPrevious = d;
    alpha *= 2;
  }
  return undefined;
}

function zoom(
  s: Search,
  lo: number,
  fLo: number,
  dLo: number,
  hi: number,
  fHi: number,
  dHi: number,
): Step | undefined {
  for (let j = 0; j < 20; j++) {
    const width = hi - lo;
    let trial = Number.isFinite(fHi) ? cubicMinimum(lo, fLo, dLo, hi, fHi, dHi) : NaN;
    const left = Math.min(lo, hi) + 0.1 * Math.abs(width);
    const right = Math.max(lo, hi) - 0.1 * Math.abs(width);
    if (!(trial >= left && trial <= right)) trial = lo + 0.5 * width;
    const [f, d] = s.phi(trial);
    if (!decreases(s, trial, f, d) || f > fLo + s.noise) {
      hi = trial;
      fHi = f;
      dHi = d;
    } else {
      if (curved(s, d)) return { alpha: trial, value: f };
      if (d * (hi - lo) >= 0) {
        hi = lo;
        fHi = fLo;
        dHi = dLo;
      }
      lo = trial;
      fLo = f;
      dLo = d;
    }
    if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) break;
  }
  // No Wolfe point found: accept the last point that decreased f, if any.
  return lo > 0 ? { alpha: lo, value: fLo } : undefined;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db); NaN when it has none. */
function cubicMinimum(a: number, fa: number, da: number, b: number, fb: number, db: number) {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

function bfgsUpdate(
  h: Float64Array,
  s: Float64Array,
  y: Float64Array,
  hy: Float64Array,
  sy: number,
) {
  const n = s.length;
  multiply(h, y, hy, 1);
  const yhy = dot(y, hy);
  const rho = 1 / sy;
  const factor = (1 + rho * yhy) * rho;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j]! += factor * s[i]! * s[j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!);
    }
  }
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  resetIdentity(m);
  return m;
}

function resetIdentity(m: Float64Array): void {
  const n = Math.round(Math.sqrt(m.length));
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
}

function multiply(m: Float64Array, v: Float64Array, out: Float64Array, sign: number): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += m[i * n + j]! * v[j]!;
    out[i] = sign * sum;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}
