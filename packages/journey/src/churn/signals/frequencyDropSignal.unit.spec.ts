import { describe, expect, it } from 'vitest';
import { frequencyDropSignal } from './frequencyDropSignal.ts';
import { fact, NOW } from './factAt.testing.ts';

const order = (id: string, daysAgo: number) => fact(id, 'order.placed', daysAgo, { orderId: id });

// 8 purchases over the 365-day baseline before the last 90 days: about 1.97 expected per 90 days
const baseline = [100, 140, 180, 220, 260, 300, 340, 420].map((d, i) => order(`b${i}`, d));

describe('frequencyDropSignal', () => {
  it('fires when recent purchases fall below half the baseline rate', () => {
    const s = frequencyDropSignal(baseline, NOW);
    expect(s?.signal).toBe('frequencyDrop');
    expect(s?.evidenceEventIds).toEqual(baseline.map((f) => f.id).reverse());
    expect(s?.explanation).toContain('0 purchases in the last 90 days');
    expect(s?.explanation).toContain('8 purchases');
    expect(s?.explanation).toContain('2.2 expected');
    expect(s?.observed).toMatchObject({ recentPurchases: 0, baselinePurchases: 8, ratio: 0 });
  });

  it('does not fire when the ratio is exactly 0.5', () => {
    // 8 purchases in the 360 days from the first one (450 days ago) to the recent window: 2 expected
    const eight = [450, 420, 380, 340, 300, 260, 220, 180].map((d, i) => order(`e${i}`, d));
    expect(frequencyDropSignal([...eight, order('r', 10)], NOW)).toBeUndefined();
    const s = frequencyDropSignal(eight, NOW);
    expect(s?.observed).toMatchObject({ expectedPurchases: 2, baselineDays: 360 });
    expect(s?.evidenceEventIds).toEqual(eight.map((f) => f.id));
  });

  it('needs the minimum baseline count', () => {
    expect(
      frequencyDropSignal([order('a', 300), order('b', 200), order('c', 100)], NOW),
    ).toBeUndefined();
  });
});
