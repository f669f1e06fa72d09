export type { ChurnSignal, ChurnSignalId, CustomerFact } from './churnSignal.ts';
export { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';
export { mergeChurnRules, type ChurnRulePatch } from './mergeChurnRules.ts';
export { silenceSignal } from './silenceSignal.ts';
export { frequencyDropSignal } from './frequencyDropSignal.ts';
export { npsDetractorSignal } from './npsDetractorSignal.ts';
export { lowCsatSignal } from './lowCsatSignal.ts';
export { complaintPastSlaSignal } from './complaintPastSlaSignal.ts';
export { repeatedContactsSignal } from './repeatedContactsSignal.ts';
export { planDowngradeSignal } from './planDowngradeSignal.ts';
export {
  CHURN_SIGNAL_RULES,
  evaluateChurnRules,
  type ChurnRuleEvaluation,
} from './evaluateChurnRules.ts';
