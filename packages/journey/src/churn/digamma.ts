/**
 * ψ(x) = d/dx ln Γ(x) for x > 0 (NaN otherwise): shifted up to x ≥ 10 with ψ(x) = ψ(x+1) − 1/x,
 * then the asymptotic series ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ). Absolute error ≈ 1e-14.
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series =
    inv2 *
    (1 / 12 -
      inv2 *
        (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return shift + Math.log(y) - 0.5 * inv - series;
}
