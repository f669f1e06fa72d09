import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoffDelay.ts';

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the maximum', () => {
    const backoff = { initialMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 100].map((attempt) => backoffDelay(attempt, backoff))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
});
