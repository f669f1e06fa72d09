import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';

/** A partial config: any rule, any field of a rule. */
export type ChurnRulePatch = {
  [K in keyof ChurnRuleConfig]?: ChurnRuleConfig[K] extends readonly unknown[]
    ? ChurnRuleConfig[K]
    : Partial<ChurnRuleConfig[K]>;
};

const RULES = [
  'silence',
  'frequencyDrop',
  'npsDetractor',
  'lowCsat',
  'complaintPastSla',
  'repeatedContacts',
  'planDowngrade',
] as const;

/**
 * Overlays `partial` on `base` (default `DEFAULT_CHURN_RULES`), rule by rule. Throws a RangeError
 * when a weight leaves [0, 1] or a threshold or window is negative or not finite, or when the
 * warning thresholds are not 0 < raiseAt ≤ 1, 0 ≤ clearBelow ≤ raiseAt.
 */
export function mergeChurnRules(
  partial: ChurnRulePatch = {},
  base: ChurnRuleConfig = DEFAULT_CHURN_RULES,
): ChurnRuleConfig {
  const merged: ChurnRuleConfig = {
    purchaseTypes: partial.purchaseTypes ?? base.purchaseTypes,
    silence: { ...base.silence, ...partial.silence },
    frequencyDrop: { ...base.frequencyDrop, ...partial.frequencyDrop },
    npsDetractor: { ...base.npsDetractor, ...partial.npsDetractor },
    lowCsat: { ...base.lowCsat, ...partial.lowCsat },
    complaintPastSla: { ...base.complaintPastSla, ...partial.complaintPastSla },
    repeatedContacts: { ...base.repeatedContacts, ...partial.repeatedContacts },
    planDowngrade: { ...base.planDowngrade, ...partial.planDowngrade },
    warning: { ...base.warning, ...partial.warning },
  };
  for (const rule of RULES) {
    for (const [key, value] of Object.entries(merged[rule])) {
      if (typeof value !== 'number') continue;
      if (!Number.isFinite(value) || value < 0 || (key === 'weight' && value > 1)) {
        throw new RangeError(`churn rule ${rule}.${key} is out of range: ${value}`);
      }
    }
  }
  const { raiseAt, clearBelow, modelWeight, horizonDays } = merged.warning;
  const unit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  if (!unit(raiseAt) || raiseAt === 0)
    throw new RangeError(`churn warning.raiseAt is out of range: ${raiseAt}`);
  if (!unit(clearBelow) || clearBelow > raiseAt) {
    throw new RangeError(`churn warning.clearBelow must be in [0, raiseAt]: ${clearBelow}`);
  }
  if (!unit(modelWeight))
    throw new RangeError(`churn warning.modelWeight is out of range: ${modelWeight}`);
  if (!(Number.isFinite(horizonDays) && horizonDays > 0)) {
    throw new RangeError(`churn warning.horizonDays is out of range: ${horizonDays}`);
  }
  return merged;
}
