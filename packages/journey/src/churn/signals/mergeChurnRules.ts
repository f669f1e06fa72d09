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
 * when a weight leaves [0, 1] or a threshold or window is negative or not finite.
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
  };
  for (const rule of RULES) {
    for (const [key, value] of Object.entries(merged[rule])) {
      if (typeof value !== 'number') continue;
      if (!Number.isFinite(value) || value < 0 || (key === 'weight' && value > 1)) {
        throw new RangeError(`churn rule ${rule}.${key} is out of range: ${value}`);
      }
    }
  }
  return merged;
}
