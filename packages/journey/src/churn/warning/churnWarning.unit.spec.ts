import { describe, expect, it } from 'vitest';
import type { ChurnModel } from '../churnModel.ts';
import { pAlive } from '../pAlive.ts';
import type { CustomerFact } from '../signals/churnSignal.ts';
import { DEFAULT_CHURN_RULES } from '../signals/churnRuleConfig.ts';
import { mergeChurnRules } from '../signals/mergeChurnRules.ts';
import { churnAssessment } from './churnAssessment.ts';
import { churnWarning } from './churnWarning.ts';
import { churnWarningKey } from './churnWarningKey.ts';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const DAY = 86_400_000;
const at = (day: number) => new Date(T0 + day * DAY);
const fact = (id: string, type: string, day: number, data: Record<string, unknown> = {}) =>
  ({ id, type, occurredAt: at(day), data }) satisfies CustomerFact;
const order = (id: string, day: number, amount = 50) =>
  fact(id, 'order.placed', day, { orderId: id, amount });

const model: ChurnModel = {
  projectId: 'p',
  version: 3,
  fittedAt: '2025-01-01T00:00:00.000Z',
  calibration: { from: '2024-01-01', to: '2024-12-31' },
  timeUnitDays: 7,
  customers: 1000,
  bgnbd: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259, logLikelihood: -9582.43 },
  gammaGamma: { p: 6.2496, q: 3.7442, gamma: 15.4435 },
};

describe('churnWarning (rules only)', () => {
  const orders = [order('o1', 0), order('o2', 10), order('o3', 20), order('o4', 30)];

  it('raises at the first instant silence exceeds twice the rhythm, with its explanation', () => {
    const w = churnWarning(orders, DEFAULT_CHURN_RULES, undefined, at(100));
    expect(w.open).toBe(true);
    expect(w.episodes).toHaveLength(1);
    // Typical gap 10 days × 2 = 20 days after the last order (day 30), 1 ms later.
    expect(w.episodes[0]!.raised.at.getTime()).toBe(at(50).getTime() + 1);
    expect(w.episodes[0]!.raised.reasons.map((r) => r.signal)).toEqual(['silence']);
    expect(w.episodes[0]!.raised.reasons[0]!.evidenceEventIds).toEqual(['o4']);
    expect(w.current.reasons[0]!.explanation).toMatch(/^No purchase for 70 days/);
    // No model: value at risk = score × the spend of the horizon before (4 × 50).
    expect(w.current.valueAtRisk).toBeCloseTo(0.35 * 200, 2);
    expect(w.current.modelVersion).toBeNull();
  });

  it('finds the same raise whatever the evaluation time or fact order', () => {
    const early = churnWarning(orders, DEFAULT_CHURN_RULES, undefined, at(60));
    const late = churnWarning([...orders].reverse(), DEFAULT_CHURN_RULES, undefined, at(300));
    expect(late.episodes[0]!.raised).toEqual({ ...early.episodes[0]!.raised });
    expect(churnWarningKey('p', 'c', 'raised', early.episodes[0]!.raised.at)).toBe(
      churnWarningKey('p', 'c', 'raised', late.episodes[0]!.raised.at),
    );
  });

  it('is not raised before the deadline, and says when to look again', () => {
    const w = churnWarning(orders, DEFAULT_CHURN_RULES, undefined, at(49));
    expect(w.open).toBe(false);
    expect(w.episodes).toEqual([]);
    expect(w.nextReviewAt?.getTime()).toBe(at(50).getTime() + 1);
  });

  it('clears on a purchase after the silence, naming it', () => {
    const w = churnWarning([...orders, order('o5', 70)], DEFAULT_CHURN_RULES, undefined, at(80));
    expect(w.open).toBe(false);
    expect(w.episodes[0]!.cleared?.at).toEqual(at(70));
    expect(w.episodes[0]!.clearedBy).toEqual(['o5']);
  });

  it('keeps the warning between clearBelow and raiseAt (hysteresis)', () => {
    const rules = mergeChurnRules({
      warning: { raiseAt: 0.4, clearBelow: 0.2 },
      silence: { enabled: false },
      npsDetractor: { weight: 0.3 },
    });
    // Detractor (0.3) + low CSAT (0.1) → 0.37; with a downgrade (0.2) → 0.496: raised.
    const facts = [
      order('o1', 0),
      fact('n', 'survey.answered', 5, { kind: 'nps', score: 3 }),
      fact('c', 'survey.answered', 6, { kind: 'csat', score: 1 }),
      fact('d', 'plan.changed', 7, { direction: 'downgrade' }),
    ];
    // Downgrade expires at day 67 → 0.37 ≥ 0.2 stays raised; CSAT expires day 96 → 0.3 stays;
    // NPS expires day 185 → 0 < 0.2: cleared.
    const w = churnWarning(facts, rules, undefined, at(100));
    expect(w.open).toBe(true);
    expect(w.current.score).toBeCloseTo(0.3, 6);
    const later = churnWarning(facts, rules, undefined, at(200));
    expect(later.open).toBe(false);
    expect(later.episodes[0]!.cleared?.at.getTime()).toBe(at(185).getTime() + 1);
  });
});

describe('churnWarning with a model', () => {
  const orders = [order('o1', 0, 40), order('o2', 7, 60), order('o3', 14, 80)];
  const rules = mergeChurnRules({ silence: { enabled: false }, frequencyDrop: { enabled: false } });

  it('combines the rules with the model: 1 − (1 − rules)(1 − w(1 − P(alive)))', () => {
    const when = at(60);
    const a = churnAssessment(orders, when, rules, model);
    const T = (when.getTime() - T0) / (7 * DAY);
    const p = pAlive(model.bgnbd, 2, 2, T);
    expect(a.pAlive).toBeCloseTo(p, 6);
    expect(a.score).toBeCloseTo(0.5 * (1 - p), 6);
    expect(a.modelVersion).toBe(3);
    expect(a.valueAtRisk).toBeGreaterThan(0);
  });

  it('raises at the instant P(alive) alone falls far enough, with a lowPAlive reason', () => {
    const w = churnWarning(orders, rules, model, at(400));
    expect(w.open).toBe(true);
    const raised = w.episodes[0]!.raised;
    expect(raised.score).toBeGreaterThanOrEqual(0.3);
    // An hour earlier it was still below the threshold: the crossing is solved, not stepped.
    const before = churnAssessment(orders, new Date(raised.at.getTime() - 3_600_000), rules, model);
    expect(before.score).toBeLessThan(0.3);
    expect(raised.reasons.map((r) => r.signal)).toEqual(['lowPAlive']);
    expect(raised.reasons[0]!.explanation).toMatch(/under churn model v3/);
    // And the instant is the same evaluated much later.
    expect(churnWarning(orders, rules, model, at(900)).episodes[0]!.raised.at).toEqual(raised.at);
  });
});
