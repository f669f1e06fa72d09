import { describe, expect, it } from 'vitest';
import type { JourneyEvent } from '../journeyEvent.ts';
import { at, ev, order } from './journeyAt.testing.ts';
import { lifecycleHistory, type LifecycleHistory } from './lifecycleHistory.ts';
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from './lifecycleRules.ts';
import { mergeLifecycleRules } from './mergeLifecycleRules.ts';
import { shuffled } from './shuffled.testing.ts';

const run = (
  events: JourneyEvent[],
  asOfDays: number,
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
  ms = 0,
): LifecycleHistory => lifecycleHistory(events, rules, at(asOfDays, ms));

const path = (r: LifecycleHistory) => r.transitions.map((t) => `${t.from}>${t.to}:${t.rule}`);
const last = (r: LifecycleHistory) => r.transitions.at(-1);

/** No silence rules: only events move the customer. */
const noSilence = mergeLifecycleRules({
  atRisk: { silenceEnabled: false },
  churned: { silenceEnabled: false },
});

describe('lifecycleHistory: first stages', () => {
  it('has no stage and nothing to review without facts', () => {
    const r = run([], 10);
    expect(r).toEqual({ stage: null, since: undefined, transitions: [] });
  });

  it('makes a prospect of a first touchpoint before any purchase', () => {
    const r = run([ev('v1', 'page.viewed', 1, { path: '/' }), ev('v2', 'page.viewed', 2)], 10);
    expect(r.stage).toBe('prospect');
    expect(r.since).toEqual(at(1));
    expect(r.transitions).toEqual([
      {
        from: null,
        to: 'prospect',
        at: at(1),
        rule: 'first_touch',
        evidenceEventIds: ['v1'],
        explanation: 'First touchpoint (page.viewed on web, 2025-01-02) before any purchase.',
      },
    ]);
    expect(r.nextReviewAt).toBeUndefined();
  });

  it('goes straight to new when the first fact is a purchase, and schedules the silence review', () => {
    const r = run([order('o1', 3, 49.9)], 10);
    expect(path(r)).toEqual(['null>new:first_purchase']);
    expect(last(r)?.evidenceEventIds).toEqual(['o1']);
    expect(last(r)?.explanation).toBe(
      'First purchase: order o1 (order.placed) on 2025-01-04, 49.9 EUR.',
    );
    expect(r.nextReviewAt).toEqual(at(3 + 90));
  });

  it('moves a prospect to new at the first purchase', () => {
    const r = run([ev('reg', 'customer.registered', 0), order('o1', 5)], 10);
    expect(path(r)).toEqual(['null>prospect:first_touch', 'prospect>new:first_purchase']);
    expect(r.since).toEqual(at(5));
  });

  it('ignores derived facts and facts after asOf', () => {
    const r = run(
      [
        ev('d1', 'lifecycle.stage_changed', 1),
        ev('d2', 'identity.linked', 1),
        ev('r', 'churn.risk_raised', 1, { score: 0.9 }),
        order('late', 11),
      ],
      10,
    );
    expect(r.stage).toBeNull();
    expect(r.transitions).toEqual([]);
  });
});

describe('lifecycleHistory: repeat purchases → growing', () => {
  const rules = mergeLifecycleRules({ growing: { windowDays: 30 } });

  it('fires when the second order is exactly windowDays after the first', () => {
    const r = run([order('o1', 0), order('o2', 30)], 31, rules);
    expect(path(r)).toEqual(['null>new:first_purchase', 'new>growing:repeat_purchase']);
    expect(last(r)?.at).toEqual(at(30));
    expect(last(r)?.evidenceEventIds).toEqual(['o1', 'o2']);
    expect(last(r)?.explanation).toBe(
      '2 orders (o1 on 2025-01-01, o2 on 2025-01-31) within 30 days; 2 needed to be growing.',
    );
  });

  it('does not fire 1 ms past the window', () => {
    const r = run([order('o1', 0), order('o2', 30, 50, { ms: 1 })], 31, rules);
    expect(r.stage).toBe('new');
  });

  it('counts an order once however many purchase facts carry its orderId', () => {
    const r = run(
      [
        order('o1', 0),
        order('o1-completed', 2, 50, { orderId: 'o1', type: 'order.completed' }),
        order('o1-resent', 3, 50, { orderId: 'o1' }),
      ],
      10,
    );
    expect(r.stage).toBe('new');
    // A re-sent order fact is not new activity: silence counts from the first fact.
    expect(r.nextReviewAt).toEqual(at(90));
  });

  it('leaves a fully refunded order out of the count, but not a partly refunded one', () => {
    const refund = (id: string, orderId: string, amount: number, day: number) =>
      ev(id, 'order.refunded', day, { orderId, amount, currency: 'EUR' });
    const full = run([order('o1', 0, 80), refund('rf', 'o1', 80, 1), order('o2', 5)], 10, rules);
    expect(full.stage).toBe('new');

    const partial = run([order('o1', 0, 80), refund('rf', 'o1', 30, 1), order('o2', 5)], 10, rules);
    expect(partial.stage).toBe('growing');

    const later = run(
      [order('o1', 0, 80), refund('rf', 'o1', 80, 1), order('o2', 5), order('o3', 6)],
      10,
      rules,
    );
    expect(last(later)?.evidenceEventIds).toEqual(['o2', 'o3']);
    expect(last(later)?.explanation).toContain('; 1 fully refunded order not counted.');
  });

  it('never demotes on a refund that comes after the promotion', () => {
    const r = run(
      [
        order('o1', 0),
        order('o2', 5),
        ev('rf', 'order.refunded', 6, { orderId: 'o2', amount: 50, currency: 'EUR' }),
      ],
      10,
      rules,
    );
    expect(r.stage).toBe('growing');
  });
});

describe('lifecycleHistory: loyal', () => {
  // Orders on days 0, 80 and 160 (growing on day 80, silence due on day 250); the tenure of
  // 180 days is reached on day 180.
  const base = () => [order('o1', 0), order('o2', 80), order('o3', 160)];
  const referral = (day: number, ms = 0) =>
    ev('ref', 'referral.submitted', day, { referralId: 'r1' }, { ms });

  it('fires on its own when the tenure is reached, at first purchase + minTenureDays', () => {
    const events = [...base(), referral(100)];
    const before = run(events, 180, DEFAULT_LIFECYCLE_RULES, -1);
    expect(before.stage).toBe('growing');
    expect(before.nextReviewAt).toEqual(at(180));

    const r = run(events, 180);
    expect(path(r)).toEqual([
      'null>new:first_purchase',
      'new>growing:repeat_purchase',
      'growing>loyal:loyalty',
    ]);
    expect(last(r)?.at).toEqual(at(180));
    expect(last(r)?.evidenceEventIds).toEqual(['o1', 'o2', 'o3', 'ref']);
    expect(last(r)?.explanation).toBe(
      '3 orders (o1 on 2025-01-01, o2 on 2025-03-22, o3 on 2025-06-10) within 365 days ' +
        '(3 needed), a customer for 180 days since the first order on 2025-01-01 ' +
        '(180 days needed), and advocacy: referral.submitted on 2025-04-11.',
    );
    expect(r.nextReviewAt).toEqual(at(160 + 90));
  });

  it('fires at the advocacy fact when orders and tenure already hold', () => {
    const r = run([...base(), referral(190)], 195);
    expect(last(r)).toMatchObject({ to: 'loyal', at: at(190), rule: 'loyalty' });
    expect(last(r)?.evidenceEventIds).toEqual(['o1', 'o2', 'o3', 'ref']);
  });

  it('fires at the purchase that completes minOrders', () => {
    const rules = mergeLifecycleRules({ loyal: { minOrders: 4 } });
    const events = [...base(), referral(100)];
    expect(run(events, 199, rules).stage).toBe('growing');
    const r = run([...events, order('o4', 200)], 200, rules);
    expect(last(r)).toMatchObject({ to: 'loyal', at: at(200) });
    expect(last(r)?.evidenceEventIds).toEqual(['o1', 'o2', 'o3', 'o4', 'ref']);
  });

  it('needs minOrders orders in the window, and then schedules no tenure review', () => {
    const rules = mergeLifecycleRules({ loyal: { minOrders: 4 } });
    const r = run([...base(), referral(100)], 185, rules);
    expect(r.stage).toBe('growing');
    expect(r.nextReviewAt).toEqual(at(250));
  });

  it('needs advocacy: a referral or an NPS promoter answer', () => {
    expect(run(base(), 185).stage).toBe('growing');
    const nps = (score: number) => ev('nps', 'survey.answered', 120, { kind: 'nps', score });
    expect(run([...base(), nps(8)], 185).stage).toBe('growing');
    const promoter = run([...base(), nps(9)], 185);
    expect(promoter.stage).toBe('loyal');
    expect(last(promoter)?.explanation).toContain(
      'and an NPS answer of 9 on 2025-05-01 (promoter: ≥ 9)',
    );
    expect(last(promoter)?.evidenceEventIds).toContain('nps');
    const csat = ev('csat', 'survey.answered', 120, { kind: 'csat', score: 5 });
    expect(run([...base(), csat], 185).stage).toBe('growing');
  });

  it('drops the advocacy requirement when configured', () => {
    const rules = mergeLifecycleRules({ loyal: { requireAdvocacy: false } });
    expect(run(base(), 180, rules).stage).toBe('loyal');
  });

  it('counts advocacy up to advocacyWindowDays old, inclusive', () => {
    const rules = mergeLifecycleRules({ loyal: { advocacyWindowDays: 60 } });
    // The tenure is reached on day 180: a referral on day 120 is exactly 60 days old then.
    expect(run([...base(), referral(120)], 181, rules).stage).toBe('loyal');
    expect(run([...base(), referral(120, -1)], 181, rules).stage).toBe('growing');
  });

  it('needs the tenure: not one ms before it', () => {
    const rules = mergeLifecycleRules({ loyal: { requireAdvocacy: false } });
    // A purchase 1 ms before the tenure does not make loyal; the tenure itself then does.
    const events = [...base(), order('o4', 180, 50, { ms: -1 })];
    const r = run(events, 180, rules, -1);
    expect(r.stage).toBe('growing');
    expect(r.nextReviewAt).toEqual(at(180));
    expect(last(run(events, 180, rules))).toMatchObject({ to: 'loyal', at: at(180) });
  });
});

describe('lifecycleHistory: silence → at_risk → churned', () => {
  const events = [order('o1', 0), order('o2', 10)];

  it('is at risk exactly atRisk.silenceDays after the last purchase, with it as evidence', () => {
    const before = run(events, 100, DEFAULT_LIFECYCLE_RULES, -1);
    expect(before.stage).toBe('growing');
    expect(before.nextReviewAt).toEqual(at(100));

    const r = run(events, 100);
    expect(r.stage).toBe('at_risk');
    expect(last(r)).toEqual({
      from: 'growing',
      to: 'at_risk',
      at: at(100),
      rule: 'silence_at_risk',
      evidenceEventIds: ['o2'],
      explanation:
        'No qualifying activity for 90 days since order o2 (order.placed) on 2025-01-11: ' +
        'at risk after 90 days of silence.',
    });
    expect(r.nextReviewAt).toEqual(at(10 + 365));
  });

  it('is churned exactly churned.silenceDays after the last purchase', () => {
    expect(run(events, 375, DEFAULT_LIFECYCLE_RULES, -1).stage).toBe('at_risk');
    const r = run(events, 375);
    expect(path(r).slice(-2)).toEqual([
      'growing>at_risk:silence_at_risk',
      'at_risk>churned:silence_churned',
    ]);
    expect(last(r)?.at).toEqual(at(375));
    expect(last(r)?.evidenceEventIds).toEqual(['o2']);
    expect(last(r)?.explanation).toContain('No qualifying activity for 365 days since order o2');
    expect(r.nextReviewAt).toBeUndefined();
  });

  it('places both silences at their instants even when asOf is much later', () => {
    const r = run(events, 1000);
    expect(r.transitions.slice(-2).map((t) => t.at)).toEqual([at(100), at(375)]);
  });

  it('is not at risk when a purchase lands exactly on the deadline', () => {
    const r = run([...events, order('o3', 100)], 150);
    expect(r.stage).toBe('growing');
    expect(r.nextReviewAt).toEqual(at(190));
  });

  it('counts activityTypes as qualifying activity, but never a derived fact', () => {
    const rules = mergeLifecycleRules({ activityTypes: ['page.viewed'] });
    const r = run([...events, ev('v', 'page.viewed', 50)], 120, rules);
    expect(r.stage).toBe('growing');
    expect(r.nextReviewAt).toEqual(at(140));
    expect(run([...events, ev('v', 'page.viewed', 50)], 120).stage).toBe('at_risk');
  });

  it('never puts a prospect at risk', () => {
    const r = run([ev('v', 'page.viewed', 0)], 1000);
    expect(r.stage).toBe('prospect');
  });

  it('goes to churned at once on a configured churn event', () => {
    const rules = mergeLifecycleRules({ churned: { types: ['custom.account_closed'] } });
    const r = run([...events, ev('close', 'custom.account_closed', 20)], 30, rules);
    expect(last(r)).toMatchObject({
      from: 'growing',
      to: 'churned',
      at: at(20),
      rule: 'churn_event',
      evidenceEventIds: ['close'],
    });
    expect(r.nextReviewAt).toBeUndefined();
  });
});

describe('lifecycleHistory: churn warnings', () => {
  const events = [order('o1', 0), order('o2', 10)];
  const raised = (day: number, data: Record<string, unknown>) =>
    ev('risk', 'churn.risk_raised', day, data);

  it('is at risk at the warning, with it as evidence and its reasons', () => {
    const r = run(
      [...events, raised(20, { score: 0.62, reasons: ['silence', { signal: 'lowCsat' }] })],
      30,
    );
    expect(last(r)).toEqual({
      from: 'growing',
      to: 'at_risk',
      at: at(20),
      rule: 'churn_risk_raised',
      evidenceEventIds: ['risk'],
      explanation: 'Churn warning raised on 2025-01-21 with score 0.62: silence, lowCsat.',
    });
  });

  it('honours minRiskScore at its boundary', () => {
    const rules = mergeLifecycleRules({ atRisk: { minRiskScore: 0.5 } });
    const r = run([...events, raised(20, { score: 0.5 })], 30, rules);
    expect(r.stage).toBe('at_risk');
    expect(last(r)?.explanation).toBe(
      'Churn warning raised on 2025-01-21 with score 0.5 (at least 0.5 counts).',
    );
    expect(run([...events, raised(20, { score: 0.49 })], 30, rules).stage).toBe('growing');
    expect(run([...events, raised(20, {})], 30, rules).stage).toBe('growing');
    expect(run([...events, raised(20, {})], 30).stage).toBe('at_risk');
  });

  it('is ignored when disabled or before a purchase', () => {
    const off = mergeLifecycleRules({ atRisk: { churnRiskEnabled: false } });
    expect(run([...events, raised(20, { score: 1 })], 30, off).stage).toBe('growing');
    expect(run([ev('v', 'page.viewed', 0), raised(1, { score: 1 })], 5).stage).toBe('prospect');
  });

  it('returns to the earlier stage when the warning clears, unless silence holds', () => {
    const cleared = (day: number) => ev('clear', 'churn.risk_cleared', day, {});
    const r = run([...events, raised(20, { score: 0.8 }), cleared(40)], 50);
    expect(path(r).slice(-2)).toEqual([
      'growing>at_risk:churn_risk_raised',
      'at_risk>growing:churn_risk_cleared',
    ]);
    expect(last(r)?.evidenceEventIds).toEqual(['clear']);
    expect(last(r)?.explanation).toBe(
      'Churn warning cleared on 2025-02-10, with no silence of 90 days or more: back to growing.',
    );
    expect(r.nextReviewAt).toEqual(at(100));

    // o2 was on day 10: a clearing 1 ms before day 100 still restores, one on day 100 does not.
    const justBefore = [
      ...events,
      raised(20, { score: 0.8 }),
      ev('clear', 'churn.risk_cleared', 100, {}, { ms: -1 }),
    ];
    expect(run(justBefore, 100, DEFAULT_LIFECYCLE_RULES, -1).stage).toBe('growing');
    const silent = run([...events, raised(20, { score: 0.8 }), cleared(100)], 110);
    expect(silent.stage).toBe('at_risk');
    expect(last(silent)?.rule).toBe('churn_risk_raised');
  });
});

describe('lifecycleHistory: reactivation', () => {
  const churnedBy = [order('o1', 0), order('o2', 10)]; // churned on day 375

  it('reactivates on a purchase while churned', () => {
    const r = run([...churnedBy, order('o3', 400)], 410);
    expect(last(r)).toEqual({
      from: 'churned',
      to: 'reactivated',
      at: at(400),
      rule: 'win_back',
      evidenceEventIds: ['o3'],
      explanation: 'Purchase while churned: order o3 (order.placed) on 2026-02-05, 50 EUR.',
    });
    expect(r.nextReviewAt).toEqual(at(490));
  });

  it('reactivates on a purchase while at risk, naming a recent campaign response', () => {
    const click = ev('click', 'campaign.message_clicked', 195, { campaignId: 'c1' });
    const r = run([...churnedBy, click, order('o3', 200)], 210);
    expect(path(r).slice(-2)).toEqual([
      'growing>at_risk:silence_at_risk',
      'at_risk>reactivated:win_back',
    ]);
    expect(last(r)?.evidenceEventIds).toEqual(['o3', 'click']);
    expect(last(r)?.explanation).toContain(
      ', 5 days after responding to a campaign (campaign.message_clicked).',
    );
  });

  it('with requireCampaignResponse, wins back only within campaignWindowDays of a response', () => {
    const rules = mergeLifecycleRules({ reactivation: { requireCampaignResponse: true } });
    const click = (ms: number) =>
      ev('click', 'campaign.offer_accepted', 370, { offerId: 'x' }, { ms });
    const within = run([...churnedBy, click(0), order('o3', 400)], 410, rules);
    expect(last(within)?.rule).toBe('win_back');

    const tooOld = run([...churnedBy, click(-1), order('o3', 400)], 410, rules);
    expect(last(tooOld)).toMatchObject({
      from: 'churned',
      to: 'growing',
      rule: 'activity_resumed',
      evidenceEventIds: ['o3'],
    });
    expect(last(tooOld)?.explanation).toContain(
      'with no campaign response in the 30 days before (a win-back needs one): back to growing.',
    );
  });

  it('counts only orders since the win-back for growing again', () => {
    const rules = mergeLifecycleRules({ growing: { windowDays: 400 } });
    const r = run([...churnedBy, order('o3', 400), order('o4', 420)], 430, rules);
    expect(path(r).slice(-2)).toEqual([
      'churned>reactivated:win_back',
      'reactivated>growing:repeat_purchase',
    ]);
    expect(last(r)?.evidenceEventIds).toEqual(['o3', 'o4']);
  });
});

describe('lifecycleHistory: a whole journey', () => {
  it('walks prospect → new → growing → loyal → at_risk → churned → reactivated', () => {
    const events = [
      ev('reg', 'customer.registered', -10, {}, { channel: 'app' }),
      order('o1', 0),
      order('o2', 60),
      ev('nps', 'survey.answered', 90, { kind: 'nps', score: 10 }, { channel: 'survey' }),
      order('o3', 150),
      order('o4', 200),
      ev('click', 'campaign.message_clicked', 700, { campaignId: 'winback' }, { channel: 'email' }),
      order('o5', 702),
    ];
    const r = run(events, 710);
    expect(r.transitions.map((t) => [t.from, t.to, t.rule, t.at, t.evidenceEventIds])).toEqual([
      [null, 'prospect', 'first_touch', at(-10), ['reg']],
      ['prospect', 'new', 'first_purchase', at(0), ['o1']],
      ['new', 'growing', 'repeat_purchase', at(60), ['o1', 'o2']],
      ['growing', 'loyal', 'loyalty', at(180), ['o1', 'o2', 'o3', 'nps']],
      ['loyal', 'at_risk', 'silence_at_risk', at(290), ['o4']],
      ['at_risk', 'churned', 'silence_churned', at(565), ['o4']],
      ['churned', 'reactivated', 'win_back', at(702), ['o5', 'click']],
    ]);
    expect(r.stage).toBe('reactivated');
    expect(r.since).toEqual(at(702));
    expect(r.nextReviewAt).toEqual(at(792));
    for (const t of r.transitions) expect(t.explanation).toMatch(/\d/);
  });

  it('uses the defaults when rules are merged from nothing', () => {
    expect(lifecycleHistory([order('o1', 0)], noSilence, at(1000)).stage).toBe('new');
  });
});

describe('lifecycleHistory: depends only on the set of facts', () => {
  // A busy history: ties at one instant (decided by store position), a duplicate order, a refund,
  // churn warnings, a campaign response, and facts after asOf.
  const events = [
    ev('reg', 'customer.registered', -3),
    ev('view', 'page.viewed', -3),
    order('o1', 0, 20),
    order('o1-again', 0, 20, { orderId: 'o1', type: 'order.completed' }),
    order('o2', 30, 35),
    ev('risk', 'churn.risk_raised', 30, { score: 0.7 }),
    ev('clear', 'churn.risk_cleared', 45, { score: 0.1 }),
    ev('nps', 'survey.answered', 50, { kind: 'nps', score: 9 }),
    order('o3', 110, 80),
    ev('rf', 'order.refunded', 111, { orderId: 'o3', amount: 80, currency: 'EUR' }),
    order('o4', 170, 15),
    ev('click', 'campaign.message_clicked', 600, { campaignId: 'c' }),
    order('o5', 610, 60, { currency: 'USD' }),
    order('o6', 611, 60),
    order('future', 900),
  ];
  const asOf = at(700);

  it('gives the same result for 200 seeded permutations and for redelivered facts', () => {
    const expected = lifecycleHistory(events, DEFAULT_LIFECYCLE_RULES, asOf);
    expect(expected.transitions.length).toBeGreaterThan(6);
    for (let seed = 1; seed <= 200; seed++) {
      const input = shuffled(seed % 2 === 0 ? events : [...events, ...events.slice(0, 5)], seed);
      expect(lifecycleHistory(input, DEFAULT_LIFECYCLE_RULES, asOf)).toEqual(expected);
    }
  });
});
