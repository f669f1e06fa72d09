import { describe, expect, it } from 'vitest';
import { formatProgress } from './formatProgress.ts';

describe('formatProgress', () => {
  it('shows share, counts, rate and time left while replaying', () => {
    expect(
      formatProgress({
        phase: 'replay',
        projection: 'timeline+identity',
        done: 50_000,
        total: 200_000,
        elapsedMs: 2_000,
      }),
    ).toBe('replay timeline+identity   25%  50,000/200,000 events  25,000/s  eta 6s');
  });

  it('counts customers when recomputing, and omits what is unknown', () => {
    expect(
      formatProgress({
        phase: 'recompute',
        projection: 'customer_state',
        done: 10,
        total: undefined,
        elapsedMs: 0,
      }),
    ).toBe('recompute customer_state  10 customers  0/s');
    expect(
      formatProgress({
        phase: 'done',
        projection: 'all',
        done: 90_061,
        total: 90_061,
        elapsedMs: 75_000,
      }),
    ).toBe('done: 90,061 events replayed in 1m15s');
  });
});
