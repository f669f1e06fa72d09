import type { ChurnSignal, CustomerFact } from './churnSignal.ts';
import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';
import { daysBetween, DAY_MS, factsUpTo, formatNumber } from './factTime.ts';
import { purchases } from './purchases.ts';

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/**
 * `silence`: the days since the last purchase exceed the customer's typical gap between purchases
 * (median gap between distinct UTC purchase days) × `factor`. With fewer than
 * `minPurchasesForRhythm` purchase days the threshold is `defaultSilenceDays`. Never fires for a
 * customer without purchases. Evidence: the last purchase.
 */
export function silenceSignal(
  facts: readonly CustomerFact[],
  now: Date,
  config: ChurnRuleConfig = DEFAULT_CHURN_RULES,
): ChurnSignal | undefined {
  const rule = config.silence;
  const bought = purchases(factsUpTo(facts, now), config.purchaseTypes);
  const last = bought.at(-1);
  if (!rule.enabled || last === undefined) return undefined;

  const days = [...new Set(bought.map((f) => Math.floor(f.occurredAt.getTime() / DAY_MS)))];
  const gaps = days
    .slice(1)
    .map((d, i) => d - (days[i] ?? d))
    .sort((a, b) => a - b);
  const knowsRhythm = days.length >= rule.minPurchasesForRhythm && gaps.length > 0;
  const typicalGap = knowsRhythm ? median(gaps) : undefined;
  const threshold = typicalGap === undefined ? rule.defaultSilenceDays : typicalGap * rule.factor;
  const silentDays = daysBetween(last.occurredAt, now);
  if (!(silentDays > threshold)) return undefined;

  const explanation =
    typicalGap === undefined
      ? `No purchase for ${formatNumber(silentDays)} days, longer than the default silence of ` +
        `${formatNumber(threshold)} days (only ${days.length} purchase days, too few to know a rhythm).`
      : `No purchase for ${formatNumber(silentDays)} days, more than ${formatNumber(rule.factor)}× ` +
        `the customer's typical ${formatNumber(typicalGap)} days between purchases ` +
        `(threshold ${formatNumber(threshold)} days).`;
  return {
    signal: 'silence',
    weight: rule.weight,
    evidenceEventIds: [last.id],
    explanation,
    observed: {
      daysSinceLastPurchase: silentDays,
      thresholdDays: threshold,
      purchaseDays: days.length,
      ...(typicalGap === undefined ? {} : { typicalGapDays: typicalGap, factor: rule.factor }),
    },
  };
}
