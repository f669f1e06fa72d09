/** Derived fact of the churn-warning module: `{ score, reasons… }`; an input of `at_risk`. */
export const CHURN_RISK_RAISED = 'churn.risk_raised';
/** Derived fact of the churn-warning module: the warning no longer holds. */
export const CHURN_RISK_CLEARED = 'churn.risk_cleared';
/** Suggested type of the derived fact the projector writes for each lifecycle transition. */
export const LIFECYCLE_STAGE_CHANGED = 'lifecycle.stage_changed';

/**
 * Derived facts that are not the customer's own touchpoints: never a first touch, never activity,
 * never counted in a profile. (Churn risk facts are still read by the `at_risk` rules.)
 */
export const DERIVED_FACT_TYPES: readonly string[] = [
  CHURN_RISK_RAISED,
  CHURN_RISK_CLEARED,
  LIFECYCLE_STAGE_CHANGED,
  'identity.linked',
  'identity.aliased',
];
