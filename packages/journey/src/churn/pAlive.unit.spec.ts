import { describe, expect, it } from 'vitest';
import type { BgnbdParams } from './bgnbdParams.ts';
import { pAlive } from './pAlive.ts';

const CDNOW: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

const naive = ({ r, alpha, a, b }: BgnbdParams, x: number, tx: number, T: number) =>
  1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));

describe('pAlive', () => {
  it('is 1 without repeat purchases, whatever t_x and T', () => {
    expect(pAlive(CDNOW, 0, 0, 0)).toBe(1);
    expect(pAlive(CDNOW, 0, 0, 1e9)).toBe(1);
  });

  it('matches the closed form where that is representable', () => {
    for (const [x, tx, T] of [
      [1, 2, 38],
      [2, 30.43, 38.86],
      [7, 10, 39],
      [20, 38, 39],
    ] as const) {
      expect(pAlive(CDNOW, x, tx, T)).toBeCloseTo(naive(CDNOW, x, tx, T), 14);
    }
  });

  it('falls with the time since the last purchase and rises with x at t_x = T', () => {
    expect(pAlive(CDNOW, 3, 30, 39)).toBeGreaterThan(pAlive(CDNOW, 3, 10, 39));
    expect(pAlive(CDNOW, 10, 39, 39)).toBeGreaterThan(pAlive(CDNOW, 2, 39, 39));
    // At t_x = T only the chance of having dropped out after the last purchase remains.
    expect(pAlive(CDNOW, 2, 39, 39)).toBeCloseTo(1 / (1 + CDNOW.a / (CDNOW.b + 1)), 14);
  });

  it('stays finite and in [0, 1] for large x and extreme times', () => {
    for (const [x, tx, T] of [
      [1e6, 1, 1e6],
      [1e6, 1e6, 1e6],
      [5000, 0.001, 1e4],
      [1, 0, 1e300],
      [1e9, 0, 1e9],
    ] as const) {
      const p = pAlive(CDNOW, x, tx, T);
      expect(Number.isFinite(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    // The naive formula overflows to 0 · ∞ territory here; the log-odds form gives 0 cleanly.
    expect(pAlive(CDNOW, 1e6, 1, 1e6)).toBe(0);
    expect(pAlive(CDNOW, 1e6, 1e6, 1e6)).toBeCloseTo(1, 5);
  });
});
