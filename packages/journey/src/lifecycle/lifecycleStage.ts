/** The stages of a customer's lifecycle, in ladder order (digest §3.2). */
export const LIFECYCLE_STAGES = [
  'prospect',
  'new',
  'growing',
  'loyal',
  'at_risk',
  'churned',
  'reactivated',
] as const;

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Which rule made a transition; `LifecycleTransition.rule` and part of its key. */
export type LifecycleRuleId =
  /** First touchpoint of any kind before a purchase → `prospect`. */
  | 'first_touch'
  /** First purchase → `new`. */
  | 'first_purchase'
  /** Enough orders within the repeat window → `growing`. */
  | 'repeat_purchase'
  /** Orders, tenure and advocacy all met → `loyal`. */
  | 'loyalty'
  /** No qualifying activity for `atRisk.silenceDays` → `at_risk` (time-based). */
  | 'silence_at_risk'
  /** A `churn.risk_raised` fact with a high enough score → `at_risk`. */
  | 'churn_risk_raised'
  /** A `churn.risk_cleared` fact while at risk (and not silent) → the stage before the risk. */
  | 'churn_risk_cleared'
  /** No qualifying activity for `churned.silenceDays` → `churned` (time-based). */
  | 'silence_churned'
  /** A fact of one of `churned.types` (an account closure, a cancelled contract) → `churned`. */
  | 'churn_event'
  /** A purchase while at risk or churned (after a campaign response if required) → `reactivated`. */
  | 'win_back'
  /** A purchase while at risk or churned without the required campaign response → back. */
  | 'activity_resumed';

/** One stage change with the facts that caused it. */
export interface LifecycleTransition {
  /** The stage before; null for a customer's first stage. */
  readonly from: LifecycleStage | null;
  readonly to: LifecycleStage;
  /** The causing fact's time, or for time-based rules the deterministic instant the rule fired. */
  readonly at: Date;
  readonly rule: LifecycleRuleId;
  /** Ids of the facts that caused it (for time-based rules: the last qualifying activity). */
  readonly evidenceEventIds: readonly string[];
  /** Plain English, with the numbers that made the rule fire. */
  readonly explanation: string;
}
