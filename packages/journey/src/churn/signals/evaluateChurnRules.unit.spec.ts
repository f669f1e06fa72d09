import { describe, expect, it } from 'vitest';
import { DEFAULT_CHURN_RULES } from './churnRuleConfig.ts';
import { evaluateChurnRules } from './evaluateChurnRules.ts';
import { mergeChurnRules } from './mergeChurnRules.ts';
import { fact, NOW } from './factAt.testing.ts';

describe('evaluateChurnRules', () => {
  it('scores 0 without signals', () => {
    expect(evaluateChurnRules([], NOW)).toEqual({ score: 0, signals: [] });
  });

  it('combines fired signals as 1 − Π(1 − weight)', () => {
    const facts = [
      fact('o1', 'order.placed', 200, { orderId: 'o1' }),
      fact('n', 'survey.answered', 10, { kind: 'nps', score: 3 }),
      fact('k', 'case.opened', 5, { caseId: 'k', kind: 'complaint' }),
    ];
    const r = evaluateChurnRules(facts, NOW);
    expect(r.signals.map((s) => s.signal)).toEqual(['silence', 'npsDetractor', 'complaintPastSla']);
    expect(r.score).toBeCloseTo(1 - 0.65 * 0.85 * 0.8, 12);
  });

  it('skips disabled rules and uses configured weights', () => {
    const facts = [fact('n', 'survey.answered', 10, { kind: 'nps', score: 3 })];
    expect(
      evaluateChurnRules(facts, NOW, mergeChurnRules({ npsDetractor: { enabled: false } })).score,
    ).toBe(0);
    expect(
      evaluateChurnRules(facts, NOW, mergeChurnRules({ npsDetractor: { weight: 1 } })).score,
    ).toBe(1);
  });

  it('validates merged configs and keeps the defaults', () => {
    expect(mergeChurnRules()).toEqual(DEFAULT_CHURN_RULES);
    expect(() => mergeChurnRules({ silence: { weight: 1.5 } })).toThrow(RangeError);
    expect(() => mergeChurnRules({ lowCsat: { windowDays: -1 } })).toThrow(RangeError);
  });
});
