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
