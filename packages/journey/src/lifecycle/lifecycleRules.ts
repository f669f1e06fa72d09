import { DERIVED_FACT_TYPES } from './lifecycleFacts.ts';

/**
 * The per-project rules of the lifecycle stage machine. The sources give no thresholds (digest
 * §3.2), so every number here is a default a project may override with `mergeLifecycleRules`.
 * Windows and durations are in days; "within N days" is inclusive, silence fires once it has lasted
 * N days. The README of this folder gives the reasons for each default.
 */
export interface LifecycleRules {
  /** Fact types that are a purchase; facts with the same `data.orderId` are one order (first wins). */
  purchaseTypes: readonly string[];
  /** Fact types that pay money back (`data.orderId`, `amount`, `currency`). */
  refundTypes: readonly string[];
  /**
   * Fact types that also count as qualifying activity (they reset the silence clock) besides
   * purchases, e.g. `page.viewed` for a subscription app. Empty: only purchases count.
   */
  activityTypes: readonly string[];
  /**
   * Fact types that are never a touch or activity (derived facts written by the platform). The
   * churn risk facts are listed here by default and are still read by the `atRisk` rules.
   */
  ignoredTypes: readonly string[];
  growing: {
    /** Orders (counting the current one) needed within `windowDays` to be `growing`. */
    minOrders: number;
    windowDays: number;
  };
  loyal: {
    /** Orders needed within `windowDays` to be `loyal` (from `growing`). */
    minOrders: number;
    windowDays: number;
    /** Days since the first purchase ever; reaching it is itself a (time-based) trigger. */
    minTenureDays: number;
    /** Also require a referral or an NPS promoter answer within `advocacyWindowDays`. */
    requireAdvocacy: boolean;
    advocacyWindowDays: number;
    /** Fact types that are advocacy on their own. */
    advocacyTypes: readonly string[];
    /** `survey.answered` kind `nps` with a score at least this is advocacy (a promoter). */
    npsPromoterMinScore: number;
  };
  atRisk: {
    /** At risk after `silenceDays` without qualifying activity. */
    silenceEnabled: boolean;
    silenceDays: number;
    /** At risk on a `churn.risk_raised` fact whose `data.score` is at least `minRiskScore`. */
    churnRiskEnabled: boolean;
    /** In [0, 1]; with 0 a risk fact without a numeric score counts too. */
    minRiskScore: number;
  };
  churned: {
    /** Churned after `silenceDays` without qualifying activity (must exceed `atRisk.silenceDays`). */
    silenceEnabled: boolean;
    silenceDays: number;
    /** Fact types that end the relationship at once (e.g. `custom.account_closed`). */
    types: readonly string[];
  };
  reactivation: {
    /**
     * A purchase while at risk or churned is a win-back (`reactivated`) only after a campaign
     * response within `campaignWindowDays`; without one the customer resumes their earlier stage.
     */
    requireCampaignResponse: boolean;
    campaignWindowDays: number;
    campaignResponseTypes: readonly string[];
  };
}

export const DEFAULT_LIFECYCLE_RULES: LifecycleRules = {
  purchaseTypes: ['order.placed', 'order.completed'],
  refundTypes: ['order.refunded'],
  activityTypes: [],
  ignoredTypes: DERIVED_FACT_TYPES,
  growing: { minOrders: 2, windowDays: 180 },
  loyal: {
    minOrders: 3,
    windowDays: 365,
    minTenureDays: 180,
    requireAdvocacy: true,
    advocacyWindowDays: 365,
    advocacyTypes: ['referral.submitted', 'referral.converted'],
    npsPromoterMinScore: 9,
  },
  atRisk: { silenceEnabled: true, silenceDays: 90, churnRiskEnabled: true, minRiskScore: 0 },
  churned: { silenceEnabled: true, silenceDays: 365, types: [] },
  reactivation: {
    requireCampaignResponse: false,
    campaignWindowDays: 30,
    campaignResponseTypes: ['campaign.message_clicked', 'campaign.offer_accepted'],
  },
};
