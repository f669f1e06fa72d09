import type { ChurnSignal, CustomerFact } from './churnSignal.ts';
import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';
import { daysBetween, factsUpTo, formatNumber, isWithinDays } from './factTime.ts';
import { latestSurveyAnswer } from './latestSurveyAnswer.ts';

/**
 * `npsDetractor`: the latest NPS answer (`survey.answered`, kind `nps`) scores ≤ `maxScore` and is
 * at most `windowDays` old. A later, better answer clears it. Evidence: that answer.
 */
export function npsDetractorSignal(
  facts: readonly CustomerFact[],
  now: Date,
  config: ChurnRuleConfig = DEFAULT_CHURN_RULES,
): ChurnSignal | undefined {
  const rule = config.npsDetractor;
  if (!rule.enabled) return undefined;
  const latest = latestSurveyAnswer(factsUpTo(facts, now), 'nps');
  if (latest === undefined || latest.score > rule.maxScore) return undefined;
  if (!isWithinDays(latest.fact, now, rule.windowDays)) return undefined;
  const ageDays = daysBetween(latest.fact.occurredAt, now);
  return {
    signal: 'npsDetractor',
    weight: rule.weight,
    evidenceEventIds: [latest.fact.id],
    explanation:
      `Latest NPS answer is ${latest.score} (detractor: ${rule.maxScore} or less), given ` +
      `${formatNumber(ageDays)} days ago.`,
    observed: { score: latest.score, maxScore: rule.maxScore, ageDays },
  };
}
