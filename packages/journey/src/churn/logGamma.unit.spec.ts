import { describe, expect, it } from 'vitest';
import { digamma } from './digamma.ts';
import { logGamma } from './logGamma.ts';

// [x, ln Γ(x), ψ(x)], reference values from mpmath 1.3.0 at 40 digits.
const REFERENCE: [number, number, number][] = [
  [1e-5, 11.512919692895826, -100000.57719921568],
  [0.243, 1.3180435846996699, -4.351093864423211],
  [0.5, 0.5723649429247001, -1.9635100260214235],
  [1.5, -0.12078223763524522, 0.03648997397857652],
  [3.7, 1.4280723266653879, 1.1671535393615113],
  [4.414, 2.335220052201891, 1.367249664207545],
  [10, 12.801827480081469, 2.251752589066721],
  [47.3, 134.10538214034744, 3.845902225194359],
  [1000, 5905.220423209181, 6.907255195648812],
  [1e7, 151180949.3694739, 16.11809560095832],
];

const close = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );

describe('logGamma', () => {
  it.each(REFERENCE)('ln Γ(%s) matches mpmath to 1e-14', (x, lg) => close(logGamma(x), lg, 1e-14));

  it('is exact at the integers through the factorials', () => {
    close(logGamma(1), 0, 1e-14);
    close(logGamma(2), 0, 1e-14);
    close(logGamma(11), Math.log(3628800), 1e-14);
  });

  it('satisfies ln Γ(x+1) = ln Γ(x) + ln x across the shift boundary', () => {
    for (const x of [0.01, 0.7, 9.5, 9.99, 10, 23.4]) {
      close(logGamma(x + 1), logGamma(x) + Math.log(x), 1e-14);
    }
  });

  it('is +∞ at 0 and NaN outside its domain', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(NaN)).toBeNaN();
  });
});

describe('digamma', () => {
  it.each(REFERENCE)('ψ(%s) matches mpmath to 1e-14', (x, _lg, psi) =>
    close(digamma(x), psi, 1e-14),
  );

  it('is the derivative of logGamma', () => {
    for (const x of [0.3, 2.5, 17]) {
      const h = 1e-5 * x;
      close(digamma(x), (logGamma(x + h) - logGamma(x - h)) / (2 * h), 1e-8);
    }
  });

  it('is NaN outside its domain', () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-2.5)).toBeNaN();
  });
});
