/** Answers of the API that have no schema in @touchline/contracts, typed as documented. */

/** `POST /v1/touchpoints` with one touchpoint. */
export interface TouchpointAccepted {
  readonly id: string;
  readonly streamId: string;
  readonly duplicate: boolean;
}

/** One item's outcome in a batch answer. */
export interface BatchItemResult {
  readonly index: number;
  readonly status: 'accepted' | 'duplicate' | 'rejected';
  readonly id?: string;
  readonly code?: string;
  readonly field?: string;
  readonly message?: string;
}

/** `POST /v1/touchpoints` with `{ batch }` (200, 207; a 400 when all were rejected is thrown). */
export interface BatchAnswer {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly results: readonly BatchItemResult[];
}

/** `POST /v1/batch` (Segment). */
export interface SegmentBatchAnswer extends BatchAnswer {
  readonly success: boolean;
}

/** One touchpoint of a timeline, newest first. */
export interface TimelineEntry {
  readonly id: string;
  readonly type: string;
  readonly channel: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
  readonly userId: string | null;
  readonly anonymousId: string | null;
  readonly position: number;
  readonly data: Record<string, unknown>;
}

export interface Timeline {
  readonly projectId: string;
  readonly customerId: string;
  readonly events: readonly TimelineEntry[];
  /** Pass as `cursor` (with the same filters) for the next, older page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Timeline paging and filters: channels and types match any of the given; [from, to) in ISO 8601. */
export interface TimelineFilter {
  readonly limit?: number;
  readonly channel?: readonly string[];
  readonly type?: readonly string[];
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
}

/** The customer 360 (`GET /v1/customers/:id`); the main fields typed, the rest as sent. */
export interface Customer360 {
  readonly projectId: string;
  readonly customer: {
    readonly customerId: string;
    readonly memberIds: readonly string[];
    readonly touchpoints: number;
    readonly orders: number;
    readonly stage: {
      readonly current: string;
      readonly since: string | null;
      readonly history: readonly { at: string; from: string | null; to: string; rule: string }[];
    };
    readonly openCases: number;
    readonly totalCases: number;
    readonly latestCsat: number | null;
    readonly latestNps: number | null;
    readonly cases: readonly Record<string, unknown>[];
    readonly [field: string]: unknown;
  };
}

export type KeyKind = 'write' | 'read' | 'admin';

/** A key as listed (never with its secret). */
export interface KeyInfo {
  readonly keyId: string;
  readonly projectId: string;
  readonly kind: KeyKind;
  readonly label: string;
  /** Requests per second (null: the default for its kind). */
  readonly rateLimit: number | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/** A key when created or rotated: the only time its token is shown. */
export interface IssuedKey extends KeyInfo {
  readonly token: string;
}

export interface Project {
  readonly projectId: string;
  readonly name: string;
  readonly createdAt: string;
}

export type SettingsKind = 'lifecycle' | 'sla' | 'profile' | 'churn';

/** One settings kind: saved overrides, the effective rules and the version. */
export interface SettingsOfKind {
  readonly version: number;
  readonly overrides: Record<string, unknown>;
  readonly effective: unknown;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

export interface SettingsSaved {
  readonly projectId: string;
  readonly kind: SettingsKind;
  readonly version: number;
  readonly overrides: Record<string, unknown>;
  readonly effective: unknown;
}

/** Customers per step and time to convert (`POST /v1/analytics/funnel`). */
export interface FunnelGroup {
  /** Customers who reached each step (index 0: entered the funnel). */
  readonly steps: readonly number[];
  readonly timeToConvert: {
    readonly medianSeconds: number | null;
    readonly p90Seconds: number | null;
    readonly buckets: readonly { upToSeconds: number; customers: number }[];
  };
}

export interface FunnelAnswer extends FunnelGroup {
  readonly projectId: string;
  readonly breakdown?: readonly (FunnelGroup & { value: string | null })[];
}

/** `POST /v1/analytics/retention`: one row per cohort period. */
export interface LifecycleAnswer {
  readonly projectId: string;
  /** Per period: customers per stage at `at` (the period's end, or `to` if earlier). */
  readonly periods: readonly {
    readonly start: string;
    readonly at: string;
    readonly stages: Readonly<Record<string, number>>;
  }[];
  /** Stage transitions in [from, to); `from` null is a customer's first stage. */
  readonly transitions: readonly {
    readonly from: string | null;
    readonly to: string;
    readonly transitions: number;
    readonly customers: number;
  }[];
}

export interface ServiceAnswer {
  readonly projectId: string;
  readonly rows: readonly {
    readonly period: string;
    /** null: all channels. */
    readonly channel: string | null;
    readonly cases: number;
    readonly firstResponse: { readonly p50Seconds: number; readonly p90Seconds: number } | null;
    readonly resolution: { readonly p50Seconds: number; readonly p90Seconds: number } | null;
    readonly firstContactResolutionRate: number | null;
    readonly slaBreachRate: number | null;
    readonly csat: {
      readonly responses: number;
      readonly average: number;
      readonly satisfiedShare: number;
    } | null;
    readonly nps: { readonly responses: number; readonly score: number } | null;
  }[];
}

export interface RetentionAnswer {
  readonly projectId: string;
  readonly cohorts: readonly {
    readonly cohort: string;
    readonly customers: number;
    /** Customers returning in period 1, 2, … after their start period. */
    readonly returned: readonly number[];
  }[];
}

/** `POST /v1/analytics/paths`: the most frequent sequences after (before) an anchor event. */
export interface PathsAnswer {
  readonly projectId: string;
  readonly customers: number;
  readonly sequences: readonly { steps: readonly string[]; customers: number }[];
}

/** One customer on the churn worklist (`GET /v1/worklist`). */
export interface WorklistItem {
  readonly customerId: string;
  readonly score: number;
  readonly valueAtRisk: number;
  readonly stage: string | null;
  readonly segment: string;
  readonly raisedAt: string | null;
  readonly reasons: readonly {
    readonly signal: string;
    readonly explanation: string;
    readonly evidenceEventIds: readonly string[];
  }[];
  readonly pAlive: number | null;
  readonly expectedPurchases: number | null;
  readonly expectedSpend: number | null;
  readonly modelVersion: number | null;
}

export interface WorklistPage {
  readonly projectId: string;
  readonly items: readonly WorklistItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Filters of `GET /v1/worklist`. */
export interface WorklistFilter {
  readonly stage?: string;
  readonly reason?: string;
  readonly segment?: string;
  readonly minScore?: number;
  readonly limit?: number;
  readonly cursor?: string;
}

/** `GET /v1/projects/:id/churn/model`: the fitted BG/NBD (+ Gamma-Gamma) parameters, a fact. */
export interface ChurnModelAnswer {
  readonly model: {
    readonly projectId: string;
    readonly version: number;
    readonly fittedAt: string;
    readonly calibration: { readonly from: string; readonly to: string };
    readonly timeUnitDays: number;
    readonly customers: number;
    readonly bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
    readonly gammaGamma?: { p: number; q: number; gamma: number };
  };
}
