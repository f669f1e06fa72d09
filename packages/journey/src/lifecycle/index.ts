export {
  LIFECYCLE_STAGES,
  type LifecycleRuleId,
  type LifecycleStage,
  type LifecycleTransition,
} from './lifecycleStage.ts';
export {
  CHURN_RISK_CLEARED,
  CHURN_RISK_RAISED,
  DERIVED_FACT_TYPES,
  LIFECYCLE_STAGE_CHANGED,
} from './lifecycleFacts.ts';
export { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from './lifecycleRules.ts';
export { mergeLifecycleRules, type LifecycleRulesPatch } from './mergeLifecycleRules.ts';
export { lifecycleHistory, type LifecycleHistory } from './lifecycleHistory.ts';
export { lifecycleTransitionKey } from './lifecycleTransitionKey.ts';
