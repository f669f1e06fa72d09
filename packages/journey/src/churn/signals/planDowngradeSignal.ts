import type { ChurnSignal, CustomerFact } from './churnSignal.ts';
import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';
import { daysBetween, factsUpTo, formatNumber, isWithinDays } from './factTime.ts';

/**
 * `planDowngrade`: the latest plan change (a fact of a type in `types`, by default `plan.changed`
 * or `custom.plan_changed`) is a downgrade at most `windowDays` old; a later upgrade clears it.
 *
 * Expected data: `{ direction: 'upgrade' | 'downgrade' | 'lateral', fromPlan?: string,
 * toPlan?: string }`. Facts without a string `direction` are not plan changes for this rule.
 * Evidence: the downgrade.
 */
export function planDowngradeSignal(
  facts: readonly CustomerFact[],
  now: Date,
  config: ChurnRuleConfig = DEFAULT_CHURN_RULES,
): ChurnSignal | undefined {
  const rule = config.planDowngrade;
  if (!rule.enabled) return undefined;
  const latest = factsUpTo(facts, now)
    .filter((f) => rule.types.includes(f.type) && typeof f.data['direction'] === 'string')
    .at(-1);
  if (latest?.data['direction'] !== 'downgrade') return undefined;
  if (!isWithinDays(latest, now, rule.windowDays)) return undefined;

  const ageDays = daysBetween(latest.occurredAt, now);
  const from = latest.data['fromPlan'];
  const to = latest.data['toPlan'];
  const plans = typeof from === 'string' && typeof to === 'string' ? ` from ${from} to ${to}` : '';
  return {
    signal: 'planDowngrade',
    weight: rule.weight,
    evidenceEventIds: [latest.id],
    explanation: `Plan downgraded${plans} ${formatNumber(ageDays)} days ago (window ${formatNumber(rule.windowDays)} days).`,
    observed: {
      ageDays,
      windowDays: rule.windowDays,
      ...(typeof from === 'string' ? { fromPlan: from } : {}),
      ...(typeof to === 'string' ? { toPlan: to } : {}),
    },
  };
}
