import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from './lifecycleRules.ts';

/** A partial rule set: any list, any field of a group. */
export type LifecycleRulesPatch = {
  [K in keyof LifecycleRules]?: LifecycleRules[K] extends readonly unknown[]
    ? LifecycleRules[K]
    : Partial<LifecycleRules[K]>;
};

const GROUPS = ['growing', 'loyal', 'atRisk', 'churned', 'reactivation'] as const;
const LISTS = ['purchaseTypes', 'refundTypes', 'activityTypes', 'ignoredTypes'] as const;

/** Whole-number fields that must be at least 1. */
const COUNTS = new Set(['growing.minOrders', 'loyal.minOrders']);
/** Fields that must be positive (a zero window or silence would make the rule meaningless). */
const POSITIVE = new Set([
  'growing.windowDays',
  'loyal.windowDays',
  'loyal.advocacyWindowDays',
  'atRisk.silenceDays',
  'churned.silenceDays',
  'reactivation.campaignWindowDays',
]);

/**
 * Overlays `partial` on `base` (default `DEFAULT_LIFECYCLE_RULES`), group by group, and checks the
 * result, so it is also the validator of a project's saved overrides. Throws a RangeError, or a
 * TypeError for a wrong type or an unknown field, whose message names the field (`growing.minOrders`):
 * counts must be whole numbers ≥ 1, windows and silences positive and finite, `minTenureDays` ≥ 0,
 * `minRiskScore` in [0, 1], `npsPromoterMinScore` in [0, 10], `growing.minOrders` ≤
 * `loyal.minOrders`, `churned.silenceDays` > `atRisk.silenceDays` when both silences are on,
 * `purchaseTypes` not empty, and type lists made of non-empty strings.
 */
export function mergeLifecycleRules(
  partial: LifecycleRulesPatch = {},
  base: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
): LifecycleRules {
  for (const group of GROUPS) {
    const value: unknown = partial[group];
    if (
      value !== undefined &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw new TypeError(`lifecycle rule ${group} must be an object of settings`);
    }
  }
  const merged: LifecycleRules = {
    purchaseTypes: partial.purchaseTypes ?? base.purchaseTypes,
    refundTypes: partial.refundTypes ?? base.refundTypes,
    activityTypes: partial.activityTypes ?? base.activityTypes,
    ignoredTypes: partial.ignoredTypes ?? base.ignoredTypes,
    growing: { ...base.growing, ...partial.growing },
    loyal: { ...base.loyal, ...partial.loyal },
    atRisk: { ...base.atRisk, ...partial.atRisk },
    churned: { ...base.churned, ...partial.churned },
    reactivation: { ...base.reactivation, ...partial.reactivation },
  };
  for (const list of LISTS) checkTypeList(list, merged[list]);
  for (const group of GROUPS) {
    for (const [key, value] of Object.entries(merged[group])) {
      const field = `${group}.${key}`;
      const expected = typeof (DEFAULT_LIFECYCLE_RULES[group] as Record<string, unknown>)[key];
      if (expected === 'undefined') throw new TypeError(`lifecycle rule ${field} is not a setting`);
      if (Array.isArray(value)) checkTypeList(field, value);
      else if (typeof value !== expected) {
        throw new TypeError(`lifecycle rule ${field} must be a ${expected}, got ${typeof value}`);
      } else if (typeof value === 'number') checkNumber(field, value);
    }
  }
  if (merged.purchaseTypes.length === 0) {
    throw new RangeError('lifecycle rule purchaseTypes must name at least one type');
  }
  if (merged.growing.minOrders > merged.loyal.minOrders) {
    throw new RangeError(
      `lifecycle rule loyal.minOrders (${merged.loyal.minOrders}) must be at least ` +
        `growing.minOrders (${merged.growing.minOrders})`,
    );
  }
  const { atRisk, churned } = merged;
  if (
    atRisk.silenceEnabled &&
    churned.silenceEnabled &&
    churned.silenceDays <= atRisk.silenceDays
  ) {
    throw new RangeError(
      `lifecycle rule churned.silenceDays (${churned.silenceDays}) must exceed ` +
        `atRisk.silenceDays (${atRisk.silenceDays})`,
    );
  }
  return merged;
}

function checkNumber(field: string, value: number): void {
  const bad = (why: string) =>
    new RangeError(`lifecycle rule ${field} is out of range: ${value} (${why})`);
  if (!Number.isFinite(value)) throw bad('must be finite');
  if (COUNTS.has(field) && !(Number.isInteger(value) && value >= 1)) {
    throw bad('must be a whole number ≥ 1');
  }
  if (POSITIVE.has(field) && !(value > 0)) throw bad('must be > 0');
  if (field === 'atRisk.minRiskScore' && !(value >= 0 && value <= 1))
    throw bad('must be in [0, 1]');
  if (field === 'loyal.npsPromoterMinScore' && !(value >= 0 && value <= 10)) {
    throw bad('must be in [0, 10]');
  }
  if (value < 0) throw bad('must not be negative');
}

function checkTypeList(field: string, value: unknown): void {
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' || t === '')) {
    throw new TypeError(`lifecycle rule ${field} must be a list of non-empty type names`);
  }
}
