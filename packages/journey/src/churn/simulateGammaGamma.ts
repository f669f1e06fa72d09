import type { GammaGammaParams } from './gammaGamma.ts';
import { seededRandom } from './seededRandom.ts';

/**
 * Mean transaction values drawn from the Gamma-Gamma model with known parameters, for customers
 * with x[i] repeat transactions: ν ~ Gamma(q, γ), and the mean of x values that are each
 * Gamma(p, ν) is Gamma(px, νx). 0 where x = 0. Deterministic for a given seed.
 */
export function simulateGammaGamma(
  params: GammaGammaParams,
  x: ArrayLike<number>,
  seed: number,
): Float64Array {
  const random = seededRandom(seed);
  const monetary = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const nu = random.gamma(params.q, params.gamma);
    monetary[i] = xi > 0 ? random.gamma(params.p * xi, nu * xi) : 0;
  }
  return monetary;
}
