import type { ChurnSignal, CustomerFact } from './churnSignal.ts';
import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';
import { daysBetween, factsUpTo, formatNumber, isWithinDays } from './factTime.ts';
import { latestSurveyAnswer } from './latestSurveyAnswer.ts';

/**
 * `lowCsat`: the latest CSAT answer (`survey.answered`, kind `csat`, 1-5) scores ≤ `maxScore` and
 * is at most `windowDays` old. A later, better answer clears it. Evidence: that answer.
 */
export function lowCsatSignal(
  facts: readonly CustomerFact[],
  now: Date,
  config: ChurnRuleConfig = DEFAULT_CHURN_RULES,
): ChurnSignal | undefined {
  const rule = config.lowCsat;
  if (!rule.enabled) return undefined;
  const latest = latestSurveyAnswer(factsUpTo(facts, now), 'csat');
  if (latest === undefined || latest.score > rule.maxScore) return undefined;
  if (!isWithinDays(latest.fact, now, rule.windowDays)) return undefined;
  const ageDays = daysBetween(latest.fact.occurredAt, now);
  return {
    signal: 'lowCsat',
    weight: rule.weight,
    evidenceEventIds: [latest.fact.id],
    explanation:
      `Latest CSAT answer is ${latest.score} of 5 (low: ${rule.maxScore} or less), given ` +
      `${formatNumber(ageDays)} days ago.`,
    observed: { score: latest.score, maxScore: rule.maxScore, ageDays },
  };
}
