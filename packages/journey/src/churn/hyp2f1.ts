/** A value carried as sign · exp(log), so that 2F1 of large parameters cannot overflow. */
export interface LogHyp2f1 {
  readonly log: number;
  readonly sign: number;
  /** Series terms summed. */
  readonly terms: number;
}

const EPSILON = 1e-16;
const RESCALE = 1e250;
const LOG_RESCALE = Math.log(RESCALE);

const isNonPositiveInteger = (v: number) => v <= 0 && Number.isInteger(v);

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1, as
 * sign · exp(log).
 *
 * - z < 0 is mapped into (0, 1) by Pfaff: 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1)).
 * - For 0 < z < 1, when c − a − b < 0 the series diverges like (1−z)^(c−a−b) as z → 1, so Euler's
 *   transformation 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z) is summed instead: its
 *   coefficients then decay like k^(a+b−c−1), and the singular factor is exact, in log space.
 * - The series is summed term by term from the ratio of consecutive terms, rescaling by 1e250
 *   whenever the running sum grows past it, so huge parameters (large x) neither overflow nor
 *   need ln Γ; it stops when the geometric tail bound |term|·z/(1−z) is below 1e-16 of the sum.
 *
 * The cost is O(log ε / log z) terms: cheap for z ≤ 0.9, ~3,600 terms at z = 0.99. A series that
 * has not converged after `maxTerms` terms throws a RangeError. Returns NaN when c is a
 * non-positive integer (a pole) or z ≥ 1.
 */
export function logHyp2f1(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms = 1_000_000,
): LogHyp2f1 {
  if (!(z < 1) || isNonPositiveInteger(c) || [a, b, c, z].some((v) => !Number.isFinite(v))) {
    return { log: NaN, sign: NaN, terms: 0 };
  }
  if (z === 0 || a === 0 || b === 0) return { log: 0, sign: 1, terms: 0 };
  if (z < 0) {
    const w = z / (z - 1);
    const inner = positive(a, c - b, c, w, maxTerms);
    return { ...inner, log: inner.log - a * Math.log1p(-z) };
  }
  return positive(a, b, c, z, maxTerms);
}

/** 2F1(a, b; c; z) as a plain number (may overflow to ±Infinity where `logHyp2f1` does not). */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms?: number): number {
  const value = logHyp2f1(a, b, c, z, maxTerms);
  return value.sign === 0 ? 0 : value.sign * Math.exp(value.log);
}

function positive(a: number, b: number, c: number, z: number, maxTerms: number): LogHyp2f1 {
  const terminates = isNonPositiveInteger(a) || isNonPositiveInteger(b);
  const eulerTerminates = isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b);
  if (eulerTerminates || (!terminates && c - a - b < 0)) {
    const inner = series(c - a, c - b, c, z, maxTerms);
    return { ...inner, log: inner.log + (c - a - b) * Math.log1p(-z) };
  }
  return series(a, b, c, z, maxTerms);
}

function series(a: number, b: number, c: number, z: number, maxTerms: number): LogHyp2f1 {
  let sum = 1;
  let term = 1;
  let logScale = 0;
  const tail = (EPSILON * (1 - z)) / z;
  for (let k = 0; k < maxTerms; k++) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    term *= ratio;
    if (term === 0) return result(sum, logScale, k + 1);
    sum += term;
    if (Math.abs(sum) > RESCALE || Math.abs(term) > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += LOG_RESCALE;
    }
    if (Math.abs(ratio) < 1 && Math.abs(term) <= tail * Math.abs(sum)) {
      return result(sum, logScale, k + 1);
    }
  }
  throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}

const result = (sum: number, logScale: number, terms: number): LogHyp2f1 => ({
  log: logScale + Math.log(Math.abs(sum)),
  sign: Math.sign(sum),
  terms,
});
