import { describe, expect, it } from 'vitest';
import type { BgnbdParams } from './bgnbdParams.ts';
import {
  expectedPurchases,
  expectedPurchasesIfAlive,
  expectedPurchasesIfAliveByQuadrature,
} from './expectedPurchases.ts';
import { hyp2f1 } from './hyp2f1.ts';
import { pAlive } from './pAlive.ts';

const CDNOW: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

// E[Y(t) | x, T, alive] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x−1; z)]
// evaluated by mpmath 1.3.0 at 40 digits: [r, α, a, b, x, T, t, value].
const REFERENCE: [number, number, number, number, number, number, number, number][] = [
  [0.243, 4.414, 0.793, 2.426, 0, 0, 39, 1.196723193320817],
  [0.243, 4.414, 0.793, 2.426, 2, 38.86, 39, 1.687399305805313],
  [0.243, 4.414, 0.793, 2.426, 2, 38.86, 1, 0.05154015172450568],
  // z → 1 (a long horizon for a young customer): beyond the series, by quadrature.
  [0.243, 4.414, 0.793, 2.426, 0, 1, 260, 3.2392006711083483],
  [0.243, 4.414, 0.793, 2.426, 0, 0.1, 2000, 8.563752341871199],
  [0.243, 4.414, 0.793, 2.426, 1, 0.5, 520, 16.828088247448015],
  // large x: the printed form's 2F1 is e^1152 here.
  [0.243, 4.414, 0.793, 2.426, 50, 30, 52, 51.50566668543618],
  [0.243, 4.414, 0.793, 2.426, 500, 30, 520, 1883.6466749004767],
  // a next to 1, where the printed form is 0/0.
  [1.5, 10, 1.0000001, 4, 3, 20, 30, 3.4363088710116823],
  [0.5, 2, 2.5, 8, 5, 10, 100, 8.374569574953592],
  [3, 20, 0.2, 0.8, 0, 5, 1000, 48.13119134815248],
];

describe('expectedPurchases', () => {
  it.each(REFERENCE)(
    'r=%s α=%s a=%s b=%s x=%s T=%s t=%s matches mpmath to 1e-12',
    (r, alpha, a, b, x, T, t, expected) => {
      const actual = expectedPurchasesIfAlive({ r, alpha, a, b }, x, T, t);
      expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-12);
    },
  );

  it('is P(alive) times the expectation if alive', () => {
    const [x, tx, T, t] = [3, 12, 39, 26];
    expect(expectedPurchases(CDNOW, x, tx, T, t)).toBeCloseTo(
      pAlive(CDNOW, x, tx, T) * expectedPurchasesIfAlive(CDNOW, x, T, t),
      15,
    );
  });

  it('equals the unconditional E[X(t)] (FHL 2005 eq. 7) for a new customer', () => {
    const { r, alpha, a, b } = CDNOW;
    for (const t of [1, 13, 52]) {
      const unconditional =
        ((a + b - 1) / (a - 1)) *
        (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
      expect(expectedPurchases(CDNOW, 0, 0, 0, t)).toBeCloseTo(unconditional, 12);
    }
  });

  it('is continuous in a through a = 1', () => {
    const at = (a: number) => expectedPurchasesIfAlive({ ...CDNOW, a }, 4, 20, 26);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(Math.abs(at(1) - at(1 - 1e-9))).toBeLessThan(1e-8);
    expect(Math.abs(at(1) - at(1 + 1e-9))).toBeLessThan(1e-8);
  });

  it('grows with t, smoothly across the switch from series to quadrature', () => {
    let previous = 0;
    for (let t = 1; t <= 1000; t *= 1.1) {
      const value = expectedPurchasesIfAlive(CDNOW, 0, 1, t);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
  });

  it('agrees with its quadrature fallback wherever both apply', () => {
    for (const params of [CDNOW, { r: 2, alpha: 8, a: 1.6, b: 0.7 }]) {
      for (const [x, T, t] of [
        [0, 0, 13],
        [0, 1, 150],
        [1, 5, 52],
        [3, 39, 39],
        [20, 30, 100],
      ] as const) {
        const series = expectedPurchasesIfAlive(params, x, T, t);
        const quadrature = expectedPurchasesIfAliveByQuadrature(params, x, T, t);
        expect(Math.abs(series / quadrature - 1)).toBeLessThan(1e-11);
      }
    }
  });

  it('is 0 at t = 0 and finite for huge x', () => {
    expect(expectedPurchases(CDNOW, 5, 3, 10, 0)).toBe(0);
    for (const x of [1e4, 1e6]) {
      const value = expectedPurchases(CDNOW, x, 39, 39, 13);
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
      // With that many purchases λ is known, (r+x)/(α+T) a week; dropping out can only lower it.
      const rate = (x + CDNOW.r) / (39 + CDNOW.alpha);
      expect(value / (13 * rate)).toBeLessThan(1);
      expect(value / (13 * rate)).toBeGreaterThan(0.85);
    }
    // mpmath (60 digits) for x = 10⁴; at x = 10⁶ its own series gives up ("converges too slowly").
    const reference = 2691.5695047854397;
    expect(Math.abs(expectedPurchases(CDNOW, 1e4, 39, 39, 13) / reference - 1)).toBeLessThan(1e-12);
    // A customer that frequent who has been silent for weeks has almost surely dropped out.
    expect(expectedPurchases(CDNOW, 1e4, 30, 39, 13)).toBe(0);
  });
});
