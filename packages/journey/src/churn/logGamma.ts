const HALF_LOG_2PI = 0.9189385332046728; // ln √(2π)

/**
 * ln Γ(x) for x > 0 (NaN otherwise, +∞ at 0). Stirling's series with seven correction terms for
 * x ≥ 10; below that the argument is shifted up, ln Γ(x) = ln Γ(x + n) − ln(x (x+1) … (x+n−1)),
 * the product taken in one log. Absolute error ≈ 1e-15 near the zeros at 1 and 2, relative
 * ≈ 1e-15 elsewhere; no overflow for any finite x.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  if (x >= 10) return stirling(x);
  let product = 1;
  let y = x;
  while (y < 10) {
    product *= y;
    y += 1;
  }
  return stirling(y) - Math.log(product);
}

function stirling(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
}
