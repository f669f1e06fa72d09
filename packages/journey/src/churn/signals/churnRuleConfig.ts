/**
 * Thresholds, windows and weights of the churn rule signals. Every weight is in [0, 1];
 * windows are in days unless the name says otherwise. `DEFAULT_CHURN_RULES` documents the defaults.
 */
export interface ChurnRuleConfig {
  /** Fact types that count as a purchase; facts with the same `data.orderId` count once. */
  purchaseTypes: readonly string[];
  silence: {
    enabled: boolean;
    weight: number;
    /** Fires when days since the last purchase > typical gap × factor. */
    factor: number;
    /** Purchase days needed to know the customer's rhythm (median gap between them). */
    minPurchasesForRhythm: number;
    /** Used instead of typical gap × factor when the rhythm is unknown. */
    defaultSilenceDays: number;
  };
  frequencyDrop: {
    enabled: boolean;
    weight: number;
    recentWindowDays: number;
    /** Window before the recent one that sets the customer's baseline rate. */
    baselineWindowDays: number;
    /** Fires when recent count / count expected at the baseline rate < ratio. */
    ratio: number;
    minBaselineCount: number;
  };
  npsDetractor: { enabled: boolean; weight: number; maxScore: number; windowDays: number };
  lowCsat: { enabled: boolean; weight: number; maxScore: number; windowDays: number };
  complaintPastSla: { enabled: boolean; weight: number; slaHours: number };
  repeatedContacts: { enabled: boolean; weight: number; minCases: number; windowDays: number };
  planDowngrade: {
    enabled: boolean;
    weight: number;
    windowDays: number;
    /** Fact types carrying `data.direction: 'upgrade' | 'downgrade' | …`. */
    types: readonly string[];
  };
  /**
   * When the combined score raises and clears a churn warning (`churn.risk_raised` /
   * `churn.risk_cleared`), with hysteresis: raised at score ≥ `raiseAt`, cleared at
   * score < `clearBelow` (≤ `raiseAt`). See `../warning/README` in the churn README.
   */
  warning: {
    raiseAt: number;
    clearBelow: number;
    /** Weight in [0, 1] of the model's dropout risk 1 − P(alive) in the score (0: rules only). */
    modelWeight: number;
    /** Horizon of expected purchases and value at risk, in days. */
    horizonDays: number;
  };
}

export const DEFAULT_CHURN_RULES: ChurnRuleConfig = {
  purchaseTypes: ['order.placed'],
  silence: {
    enabled: true,
    weight: 0.35,
    factor: 2,
    minPurchasesForRhythm: 3,
    defaultSilenceDays: 90,
  },
  frequencyDrop: {
    enabled: true,
    weight: 0.25,
    recentWindowDays: 90,
    baselineWindowDays: 365,
    ratio: 0.5,
    minBaselineCount: 4,
  },
  npsDetractor: { enabled: true, weight: 0.15, maxScore: 6, windowDays: 180 },
  lowCsat: { enabled: true, weight: 0.1, maxScore: 2, windowDays: 90 },
  complaintPastSla: { enabled: true, weight: 0.2, slaHours: 72 },
  repeatedContacts: { enabled: true, weight: 0.1, minCases: 3, windowDays: 30 },
  planDowngrade: {
    enabled: true,
    weight: 0.2,
    windowDays: 60,
    types: ['plan.changed', 'custom.plan_changed'],
  },
  warning: { raiseAt: 0.3, clearBelow: 0.2, modelWeight: 0.5, horizonDays: 365 },
};
