import type { ChurnSignal, CustomerFact } from './churnSignal.ts';
import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';
import { DAY_MS, factsUpTo, formatNumber } from './factTime.ts';
import { purchases } from './purchases.ts';

/**
 * `frequencyDrop`: purchases in the recent window (`now − recentWindowDays`, `now`] compared with
 * the customer's own rate in the baseline window before it. The baseline covers
 * `baselineWindowDays`, cut to start at the first purchase for younger customers; it must cover at
 * least the recent window's length and hold `minBaselineCount` purchases. Fires when
 * recent / (baseline rate × recent length) < `ratio`. Evidence: the baseline and recent purchases.
 */
export function frequencyDropSignal(
  facts: readonly CustomerFact[],
  now: Date,
  config: ChurnRuleConfig = DEFAULT_CHURN_RULES,
): ChurnSignal | undefined {
  const rule = config.frequencyDrop;
  if (!rule.enabled) return undefined;
  const bought = purchases(factsUpTo(facts, now), config.purchaseTypes);
  const first = bought[0];
  if (first === undefined) return undefined;

  const recentStart = now.getTime() - rule.recentWindowDays * DAY_MS;
  const baselineStart = Math.max(
    recentStart - rule.baselineWindowDays * DAY_MS,
    first.occurredAt.getTime(),
  );
  const baselineDays = (recentStart - baselineStart) / DAY_MS;
  const recent = bought.filter((f) => f.occurredAt.getTime() > recentStart);
  const baseline = bought.filter((f) => {
    const t = f.occurredAt.getTime();
    return t >= baselineStart && t <= recentStart;
  });
  if (baseline.length < rule.minBaselineCount || baselineDays < rule.recentWindowDays) {
    return undefined;
  }

  const expected = (baseline.length * rule.recentWindowDays) / baselineDays;
  const ratio = recent.length / expected;
  if (!(ratio < rule.ratio)) return undefined;

  return {
    signal: 'frequencyDrop',
    weight: rule.weight,
    evidenceEventIds: [...baseline, ...recent].map((f) => f.id),
    explanation:
      `${recent.length} purchases in the last ${formatNumber(rule.recentWindowDays)} days against ` +
      `${formatNumber(expected)} expected from the customer's own rate (${baseline.length} purchases ` +
      `in the ${formatNumber(baselineDays)} days before): ${formatNumber(ratio * 100)}% of the ` +
      `usual frequency, below ${formatNumber(rule.ratio * 100)}%.`,
    observed: {
      recentPurchases: recent.length,
      recentWindowDays: rule.recentWindowDays,
      baselinePurchases: baseline.length,
      baselineDays,
      expectedPurchases: expected,
      ratio,
    },
  };
}
