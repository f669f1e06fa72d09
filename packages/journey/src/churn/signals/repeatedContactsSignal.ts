import type { ChurnSignal, CustomerFact } from './churnSignal.ts';
import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';
import { factsUpTo, formatNumber, isWithinDays } from './factTime.ts';

/**
 * `repeatedContacts`: within the last `windowDays`, at least `minCases` `case.opened` (any kind)
 * or any `case.reopened`. Evidence: those openings and reopenings.
 */
export function repeatedContactsSignal(
  facts: readonly CustomerFact[],
  now: Date,
  config: ChurnRuleConfig = DEFAULT_CHURN_RULES,
): ChurnSignal | undefined {
  const rule = config.repeatedContacts;
  if (!rule.enabled) return undefined;
  const recent = factsUpTo(facts, now).filter((f) => isWithinDays(f, now, rule.windowDays));
  const opened = recent.filter((f) => f.type === 'case.opened');
  const reopened = recent.filter((f) => f.type === 'case.reopened');
  const manyCases = opened.length >= rule.minCases;
  if (!manyCases && reopened.length === 0) return undefined;

  const reasons: string[] = [];
  if (manyCases) {
    reasons.push(`${opened.length} service cases opened (threshold ${rule.minCases})`);
  }
  if (reopened.length > 0) {
    reasons.push(`${reopened.length} case${reopened.length === 1 ? '' : 's'} reopened`);
  }
  return {
    signal: 'repeatedContacts',
    weight: rule.weight,
    evidenceEventIds: (manyCases ? [...opened, ...reopened] : reopened)
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
      .map((f) => f.id),
    explanation: `In the last ${formatNumber(rule.windowDays)} days: ${reasons.join(' and ')}.`,
    observed: {
      casesOpened: opened.length,
      casesReopened: reopened.length,
      minCases: rule.minCases,
      windowDays: rule.windowDays,
    },
  };
}
