import { describe, expect, it } from 'vitest';
import { mergeChurnRules } from './mergeChurnRules.ts';
import { silenceSignal } from './silenceSignal.ts';
import { fact, NOW } from './factAt.testing.ts';

const order = (id: string, daysAgo: number) => fact(id, 'order.placed', daysAgo, { orderId: id });

describe('silenceSignal', () => {
  // purchases every 30 days: typical gap 30, threshold 60 days
  const rhythm = (silentDays: number) => [
    order('o1', silentDays + 90),
    order('o2', silentDays + 60),
    order('o3', silentDays + 30),
    order('o4', silentDays),
  ];

  it("fires when the silence exceeds twice the customer's own rhythm", () => {
    const s = silenceSignal(rhythm(75), NOW);
    expect(s?.signal).toBe('silence');
    expect(s?.weight).toBe(0.35);
    expect(s?.evidenceEventIds).toEqual(['o4']);
    expect(s?.explanation).toContain('75 days');
    expect(s?.explanation).toContain('typical 30 days');
    expect(s?.observed).toMatchObject({
      daysSinceLastPurchase: 75,
      typicalGapDays: 30,
      thresholdDays: 60,
    });
  });

  it('does not fire at exactly the threshold', () => {
    expect(silenceSignal(rhythm(60), NOW)).toBeUndefined();
  });

  it('uses the default silence with fewer than 3 purchase days', () => {
    const facts = [order('o1', 200), order('o2', 91)];
    const s = silenceSignal(facts, NOW);
    expect(s?.evidenceEventIds).toEqual(['o2']);
    expect(s?.explanation).toContain('default silence of 90 days');
    expect(silenceSignal([order('o1', 200), order('o2', 90)], NOW)).toBeUndefined();
  });

  it('counts an order once and ignores facts after now and customers without purchases', () => {
    const facts = [
      fact('p', 'order.placed', 100, { orderId: 'x' }),
      fact('c', 'order.completed', 95, { orderId: 'x' }),
      order('future', -1),
    ];
    const config = mergeChurnRules({ purchaseTypes: ['order.placed', 'order.completed'] });
    expect(silenceSignal(facts, NOW, config)?.evidenceEventIds).toEqual(['p']);
    expect(silenceSignal([fact('s', 'survey.answered', 200)], NOW)).toBeUndefined();
  });
});
