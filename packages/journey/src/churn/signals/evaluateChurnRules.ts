import type { ChurnSignal, CustomerFact } from './churnSignal.ts';
import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';
import { complaintPastSlaSignal } from './complaintPastSlaSignal.ts';
import { frequencyDropSignal } from './frequencyDropSignal.ts';
import { lowCsatSignal } from './lowCsatSignal.ts';
import { npsDetractorSignal } from './npsDetractorSignal.ts';
import { planDowngradeSignal } from './planDowngradeSignal.ts';
import { repeatedContactsSignal } from './repeatedContactsSignal.ts';
import { silenceSignal } from './silenceSignal.ts';

export const CHURN_SIGNAL_RULES = [
  silenceSignal,
  frequencyDropSignal,
  npsDetractorSignal,
  lowCsatSignal,
  complaintPastSlaSignal,
  repeatedContactsSignal,
  planDowngradeSignal,
] as const;

export interface ChurnRuleEvaluation {
  /** 1 − Π(1 − weight) over the fired signals: 0 when none fired, never above 1. */
  score: number;
  /** Fired signals, in rule order. */
  signals: ChurnSignal[];
}

/** Runs every churn rule on one customer's facts as of `now` and combines the fired signals. */
export function evaluateChurnRules(
  facts: readonly CustomerFact[],
  now: Date,
  config: ChurnRuleConfig = DEFAULT_CHURN_RULES,
): ChurnRuleEvaluation {
  const signals: ChurnSignal[] = [];
  for (const rule of CHURN_SIGNAL_RULES) {
    const signal = rule(facts, now, config);
    if (signal !== undefined) signals.push(signal);
  }
  const keep = signals.reduce((p, s) => p * (1 - Math.min(1, Math.max(0, s.weight))), 1);
  return { score: 1 - keep, signals };
}
