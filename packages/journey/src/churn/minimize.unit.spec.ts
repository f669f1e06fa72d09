import { describe, expect, it } from 'vitest';
import { minimizeBfgs } from './minimize.ts';

describe('minimizeBfgs', () => {
  it('finds the Rosenbrock minimum from the classic start', () => {
    const result = minimizeBfgs(
      (v, g) => {
        const [x, y] = [v[0]!, v[1]!];
        g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        g[1] = 200 * (y - x * x);
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
      },
      [-1.2, 1],
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 8);
    expect(result.x[1]).toBeCloseTo(1, 8);
    expect(result.iterations).toBeLessThan(100);
  });

  it('handles an ill-conditioned quadratic', () => {
    const scales = [1, 1e3, 1e6];
    const result = minimizeBfgs(
      (v, g) => {
        let f = 0;
        for (let i = 0; i < 3; i++) {
          const d = v[i]! - (i + 1);
          g[i] = scales[i]! * d;
          f += 0.5 * scales[i]! * d * d;
        }
        return f;
      },
      [0, 0, 0],
      { gradientTolerance: 1e-8 },
    );
    expect(result.converged).toBe(true);
    expect(Array.from(result.x).map((v) => Number(v.toFixed(6)))).toEqual([1, 2, 3]);
  });

  it('backs off from steps into a region where the objective is not finite', () => {
    // f(x) = x − 2 ln x, minimum at x = 2, NaN for x ≤ 0; the first step overshoots into it.
    const result = minimizeBfgs(
      (v, g) => {
        const x = v[0]!;
        g[0] = 1 - 2 / x;
        return x - 2 * Math.log(x);
      },
      [40],
      { maxStep: 100 },
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(2, 8);
  });

  it('refuses a start where the objective is not finite', () => {
    expect(() => minimizeBfgs(() => NaN, [1])).toThrow(RangeError);
  });
});
