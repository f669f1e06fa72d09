import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_RULES } from './lifecycleRules.ts';
import { mergeLifecycleRules, type LifecycleRulesPatch } from './mergeLifecycleRules.ts';

describe('mergeLifecycleRules', () => {
  it('returns the defaults for no overrides', () => {
    expect(mergeLifecycleRules()).toEqual(DEFAULT_LIFECYCLE_RULES);
  });

  it('overlays fields group by group and replaces lists whole', () => {
    const rules = mergeLifecycleRules({
      growing: { windowDays: 60 },
      activityTypes: ['page.viewed'],
    });
    expect(rules.growing).toEqual({ minOrders: 2, windowDays: 60 });
    expect(rules.activityTypes).toEqual(['page.viewed']);
    expect(rules.loyal).toEqual(DEFAULT_LIFECYCLE_RULES.loyal);
  });

  it.each<[LifecycleRulesPatch, RegExp]>([
    [
      { growing: { minOrders: 0 } },
      /growing\.minOrders is out of range: 0 \(must be a whole number ≥ 1\)/,
    ],
    [{ growing: { minOrders: 1.5 } }, /growing\.minOrders is out of range/],
    [{ growing: { windowDays: 0 } }, /growing\.windowDays is out of range: 0 \(must be > 0\)/],
    [
      { loyal: { minTenureDays: -1 } },
      /loyal\.minTenureDays is out of range: -1 \(must not be negative\)/,
    ],
    [{ loyal: { npsPromoterMinScore: 11 } }, /loyal\.npsPromoterMinScore is out of range: 11/],
    [
      { atRisk: { minRiskScore: 1.2 } },
      /atRisk\.minRiskScore is out of range: 1\.2 \(must be in \[0, 1\]\)/,
    ],
    [
      { atRisk: { silenceDays: Number.NaN } },
      /atRisk\.silenceDays is out of range: NaN \(must be finite\)/,
    ],
    [
      { reactivation: { campaignWindowDays: -3 } },
      /reactivation\.campaignWindowDays is out of range/,
    ],
    [
      { churned: { silenceDays: 90 } },
      /churned\.silenceDays \(90\) must exceed atRisk\.silenceDays \(90\)/,
    ],
    [
      { growing: { minOrders: 4 } },
      /loyal\.minOrders \(3\) must be at least growing\.minOrders \(4\)/,
    ],
    [{ purchaseTypes: [] }, /purchaseTypes must name at least one type/],
  ])('refuses %j, naming the field', (patch, message) => {
    expect(() => mergeLifecycleRules(patch)).toThrow(RangeError);
    expect(() => mergeLifecycleRules(patch)).toThrow(message);
  });

  it('refuses wrong types and unknown fields with a TypeError naming the field', () => {
    const bad = (patch: unknown) => () => mergeLifecycleRules(patch as LifecycleRulesPatch);
    expect(bad({ atRisk: { silenceEnabled: 'yes' } })).toThrow(
      'lifecycle rule atRisk.silenceEnabled must be a boolean, got string',
    );
    expect(bad({ loyal: { tenureDays: 3 } })).toThrow(
      'lifecycle rule loyal.tenureDays is not a setting',
    );
    expect(bad({ churned: { types: [''] } })).toThrow(
      'churned.types must be a list of non-empty type names',
    );
    expect(bad({ activityTypes: 'page.viewed' })).toThrow('activityTypes must be a list');
    expect(bad({ growing: 5 })).toThrow('lifecycle rule growing must be an object of settings');
    expect(bad({ growing: { windowDays: 5 } })).not.toThrow();
  });

  it('allows churned.silenceDays ≤ atRisk.silenceDays when one silence rule is off', () => {
    const rules = mergeLifecycleRules({
      atRisk: { silenceEnabled: false },
      churned: { silenceDays: 30 },
    });
    expect(rules.churned.silenceDays).toBe(30);
  });
});
