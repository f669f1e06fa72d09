import { describe, expect, it } from 'vitest';
import { at, ev, order } from '../lifecycle/journeyAt.testing.ts';
import { shuffled } from '../lifecycle/shuffled.testing.ts';
import { customerProfile } from './customerProfile.ts';
import { mergeProfileRules } from './profileRules.ts';

const refund = (id: string, orderId: string, amount: number, day: number, currency = 'EUR') =>
  ev(id, 'order.refunded', day, { orderId, amount, currency }, { channel: 'phone' });

describe('customerProfile', () => {
  it('is empty for no facts', () => {
    expect(customerProfile([], at(10))).toEqual({
      firstSeenAt: undefined,
      lastSeenAt: undefined,
      touchpoints: 0,
      byChannel: {},
      byType: {},
      orders: 0,
      fullyRefundedOrders: 0,
      firstOrderAt: undefined,
      lastOrderAt: undefined,
      revenue: [],
      rfm: {
        recencyDays: undefined,
        frequency: 0,
        monetary: 0,
        currency: undefined,
        scores: undefined,
      },
    });
  });

  it('counts touchpoints by channel and type, leaving out derived facts and facts after asOf', () => {
    const p = customerProfile(
      [
        ev('v1', 'page.viewed', 1),
        ev('v2', 'page.viewed', 2, {}, { channel: 'app' }),
        ev('c', 'case.opened', 3, { caseId: 'k', kind: 'inquiry' }, { channel: 'phone' }),
        ev('risk', 'churn.risk_raised', 4, { score: 0.9 }),
        ev('stage', 'lifecycle.stage_changed', 4),
        ev('later', 'page.viewed', 11),
      ],
      at(10),
    );
    expect(p.touchpoints).toBe(3);
    expect(p.firstSeenAt).toEqual(at(1));
    expect(p.lastSeenAt).toEqual(at(3));
    expect(p.byChannel).toEqual({ app: 1, phone: 1, web: 1 });
    expect(Object.keys(p.byChannel)).toEqual(['app', 'phone', 'web']);
    expect(p.byType).toEqual({ 'case.opened': 1, 'page.viewed': 2 });
    expect(p.orders).toBe(0);
  });

  it('counts an order once across its facts and re-sends, with the first fact’s time and amount', () => {
    const p = customerProfile(
      [
        order('o1', 1, 100),
        order('o1-done', 3, 90, { orderId: 'o1', type: 'order.completed' }),
        order('o1-again', 4, 100, { orderId: 'o1' }),
        order('o2', 5, 40),
      ],
      at(10),
    );
    expect(p.orders).toBe(2);
    expect(p.touchpoints).toBe(4);
    expect(p.firstOrderAt).toEqual(at(1));
    expect(p.lastOrderAt).toEqual(at(5));
    expect(p.revenue).toEqual([
      { currency: 'EUR', orders: 2, gross: 140, refunded: 0, net: 140, averageOrderValue: 70 },
    ]);
  });

  it('nets refunds per currency and leaves fully refunded orders out of RFM', () => {
    const p = customerProfile(
      [
        order('o1', 0, 100),
        order('o2', 20, 60.1),
        refund('r1', 'o2', 60.1, 21),
        order('o3', 40, 30.2),
        refund('r2', 'o3', 10, 41),
        order('u1', 50, 500, { currency: 'USD' }),
      ],
      at(60),
    );
    expect(p.orders).toBe(4);
    expect(p.fullyRefundedOrders).toBe(1);
    expect(p.revenue).toEqual([
      {
        currency: 'EUR',
        orders: 3,
        gross: 190.3,
        refunded: 70.1,
        net: 120.2,
        averageOrderValue: 40.066667,
      },
      { currency: 'USD', orders: 1, gross: 500, refunded: 0, net: 500, averageOrderValue: 500 },
    ]);
    // Main currency: EUR has the most orders. Kept orders: o1, o3, u1.
    expect(p.rfm).toEqual({
      recencyDays: 10,
      frequency: 3,
      monetary: 120.2,
      currency: 'EUR',
      scores: { recency: 5, frequency: 3, monetary: 2 },
    });
  });

  it('takes the most recent kept order for recency, and a configured currency for monetary', () => {
    const events = [
      order('o1', 0, 100),
      order('o2', 20, 60),
      refund('r', 'o2', 60, 25),
      order('u1', 5, 900, { currency: 'USD' }),
    ];
    const p = customerProfile(events, at(35), mergeProfileRules({ rfm: { currency: 'USD' } }));
    expect(p.rfm.recencyDays).toBe(30);
    expect(p.rfm.monetary).toBe(900);
    expect(p.rfm.scores).toEqual({ recency: 5, frequency: 2, monetary: 4 });
  });

  it('breaks a tie of order counts by net revenue when choosing the main currency', () => {
    const p = customerProfile([order('e', 0, 10), order('u', 1, 20, { currency: 'USD' })], at(2));
    expect(p.rfm.currency).toBe('USD');
  });

  it.each([
    [30, 5],
    [30.000001, 4],
    [90, 4],
    [180, 3],
    [365, 2],
    [366, 1],
  ])('scores recency %d days as %d', (days, score) => {
    const p = customerProfile([order('o1', 0)], at(days));
    expect(p.rfm.scores?.recency).toBe(score);
  });

  it.each([
    [1, 1],
    [2, 2],
    [4, 3],
    [5, 4],
    [9, 4],
    [10, 5],
  ])('scores a frequency of %d orders as %d', (n, score) => {
    const orders = Array.from({ length: n }, (_, i) => order(`f${i}`, i, 1));
    expect(customerProfile(orders, at(20)).rfm.scores?.frequency).toBe(score);
  });

  it.each([
    [99.99, 1],
    [100, 2],
    [250, 3],
    [500, 4],
    [999, 4],
    [1000, 5],
  ])('scores a monetary value of %d as %d', (amount, score) => {
    expect(customerProfile([order('o1', 0, amount)], at(1)).rfm.scores?.monetary).toBe(score);
  });

  it('uses configured breakpoints', () => {
    const rules = mergeProfileRules({ rfm: { frequencyOrders: [1, 2, 3, 4] } });
    expect(customerProfile([order('o1', 0)], at(1), rules).rfm.scores?.frequency).toBe(2);
  });

  it('gives the same profile for any delivery order and for redelivered facts', () => {
    const events = [
      ev('v', 'page.viewed', 0, {}, { channel: 'app' }),
      order('o1', 1, 10.1),
      order('o1b', 1, 10.1, { orderId: 'o1', type: 'order.completed' }),
      order('o2', 2, 20.2),
      refund('r', 'o2', 5.05, 3),
      order('o3', 4, 30.3, { currency: 'USD' }),
      ev('s', 'survey.answered', 4, { kind: 'csat', score: 4 }, { channel: 'survey' }),
    ];
    const expected = customerProfile(events, at(10));
    for (let seed = 1; seed <= 100; seed++) {
      expect(
        customerProfile(shuffled([...events, ...events.slice(seed % 7)], seed), at(10)),
      ).toEqual(expected);
    }
  });
});

describe('mergeProfileRules', () => {
  it('refuses breakpoints that are not four ascending non-negative numbers, naming the field', () => {
    expect(() => mergeProfileRules({ rfm: { recencyDays: [30, 20, 180, 365] } })).toThrow(
      /profile rule rfm\.recencyDays must be four non-negative, strictly ascending numbers/,
    );
    const three = [1, 2, 3] as unknown as [number, number, number, number];
    expect(() => mergeProfileRules({ rfm: { monetary: three } })).toThrow(RangeError);
    expect(() => mergeProfileRules({ rfm: { frequencyOrders: [-1, 2, 3, 4] } })).toThrow(
      /rfm\.frequencyOrders/,
    );
  });

  it('refuses a bad currency or an unknown field', () => {
    expect(() => mergeProfileRules({ rfm: { currency: 'euro' } })).toThrow(/rfm\.currency/);
    const unknown = { rfm: { recency: [1, 2, 3, 4] } } as never;
    expect(() => mergeProfileRules(unknown)).toThrow('profile rule rfm.recency is not a setting');
    expect(() => mergeProfileRules({ purchaseTypes: [''] })).toThrow(/purchaseTypes/);
  });
});
