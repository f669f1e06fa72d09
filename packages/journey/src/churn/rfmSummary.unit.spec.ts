import { describe, expect, it } from 'vitest';
import { rfmSummary, type Transaction } from './rfmSummary.ts';

const t = (customerId: string, at: string, amount: number): Transaction => ({
  customerId,
  at,
  amount,
});

describe('rfmSummary', () => {
  const summary = rfmSummary(
    [
      t('a', '2024-01-01', 10),
      t('a', '2024-01-01T18:30:00Z', 5), // same day: merged into the first purchase
      t('a', '2024-01-08', 20),
      t('a', '2024-01-15T09:00:00Z', 30),
      t('a', '2024-01-15T23:59:59Z', 10), // same day: one purchase of 40
      t('a', '2024-03-01', 99), // after the calibration end: ignored
      t('b', '2024-01-29', 7), // one-off
      t('c', '2023-12-31', 1), // born before the start: not in the cohort
      t('c', '2024-01-05', 1),
      t('d', '2024-03-01', 5), // born after the end
      t('e', new Date(Date.UTC(2024, 0, 20, 12)).toISOString(), 0),
      t('e', '2024-01-22', 0),
    ],
    { start: '2024-01-01', end: '2024-01-29' },
  );

  it('keeps the customers born in the calibration period, in order of appearance', () => {
    expect(summary.customerIds).toEqual(['a', 'b', 'e']);
  });

  it('counts repeat purchase days and measures t_x and T in weeks from the first purchase', () => {
    expect(Array.from(summary.x)).toEqual([2, 0, 1]);
    expect(Array.from(summary.tx)).toEqual([2, 0, 2 / 7]);
    expect(Array.from(summary.T)).toEqual([4, 0, 9 / 7]);
  });

  it('averages the repeat days’ totals, leaving the first purchase out', () => {
    expect(Array.from(summary.monetary)).toEqual([30, 0, 0]);
  });

  it('takes other time units and rejects bad input', () => {
    const days = rfmSummary([t('a', '2024-01-01', 1), t('a', '2024-01-04', 1)], {
      start: '2024-01-01',
      end: '2024-01-10',
      unitDays: 1,
    });
    expect([days.tx[0], days.T[0]]).toEqual([3, 9]);
    expect(() =>
      rfmSummary([t('a', 'not a date', 1)], { start: '2024-01-01', end: '2024-01-02' }),
    ).toThrow(RangeError);
    expect(() => rfmSummary([], { start: '2024-01-02', end: '2024-01-01' })).toThrow(RangeError);
  });
});
