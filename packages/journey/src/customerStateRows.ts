import type { CustomerState } from './customerState.ts';
import type { ServiceCase } from './service/serviceCases.ts';
import { toClickHouseTime } from './timelineRow.ts';

/** One row of `customer_profiles` (ClickHouse text forms). */
export interface CustomerProfileRow {
  project_id: string;
  customer_key: string;
  version: number;
  merged_into: string;
  member_keys: string[];
  first_seen_at: string | null;
  last_seen_at: string | null;
  first_channel: string;
  touchpoints: number;
  channel_counts: Record<string, number>;
  orders: number;
  kept_orders: number;
  first_order_at: string | null;
  last_order_at: string | null;
  currency: string;
  net_revenue: number;
  avg_order_value: number | null;
  rfm_frequency_score: number;
  rfm_monetary_score: number;
  stage: string;
  stage_since: string | null;
  stage_history: { at: string; from_stage: string; to_stage: string; rule: string }[];
  open_cases: number;
  total_cases: number;
  latest_csat: number | null;
  latest_nps: number | null;
  next_review_at: string | null;
  settings_versions: string;
  details: string;
}

/** One row of `churn_worklist`: the customer's churn warning, open or not. */
export interface ChurnWorklistRow {
  project_id: string;
  customer_key: string;
  version: number;
  open: number;
  score: number;
  value_at_risk: number;
  stage: string;
  segment: string;
  reasons: string[];
  explanations: string[];
  evidence: string[][];
  raised_at: string | null;
  p_alive: number | null;
  expected_purchases: number | null;
  expected_spend: number | null;
  model_version: number | null;
}

/** One row of `service_cases`. */
export interface ServiceCaseRow {
  project_id: string;
  case_id: string;
  customer_key: string;
  version: number;
  kind: string;
  priority: string;
  category: string;
  channel: string;
  status: string;
  opened_at: string | null;
  first_response_at: string | null;
  first_response_by: string;
  first_resolved_at: string | null;
  resolved_at: string | null;
  reopen_count: number;
  escalation_count: number;
  contact_count: number | null;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_response_seconds: number | null;
  first_resolution_seconds: number | null;
  full_resolution_seconds: number | null;
  first_response_breached: number;
  resolution_breached: number;
  first_contact_resolution: number | null;
  csat: number | null;
  nps: number | null;
  complaint_ids: string[];
  evidence_event_ids: string[];
}

const time = (date: Date | null | undefined): string | null =>
  date ? toClickHouseTime(date.toISOString()) : null;

const flag = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

const latestScore = (c: ServiceCase, kind: 'csat' | 'nps'): number | null =>
  c.feedback.filter((answer) => answer.kind === kind).at(-1)?.score ?? null;

function caseRow(state: CustomerState, c: ServiceCase): ServiceCaseRow {
  return {
    project_id: state.projectId,
    case_id: c.caseId,
    customer_key: state.customerKey,
    version: c.lastPosition,
    kind: c.kind ?? '',
    priority: c.priority ?? '',
    category: c.category ?? '',
    channel: c.channel ?? '',
    status: c.status,
    opened_at: time(c.openedAt),
    first_response_at: time(c.firstResponseAt),
    first_response_by: c.firstResponseBy ?? '',
    first_resolved_at: time(c.firstResolvedAt),
    resolved_at: time(c.resolvedAt),
    reopen_count: c.reopenCount,
    escalation_count: c.escalationCount,
    contact_count: c.contactCount,
    first_response_due_at: time(c.firstResponseDueAt),
    resolution_due_at: time(c.resolutionDueAt),
    first_response_seconds: c.firstResponseSeconds,
    first_resolution_seconds: c.firstResolutionSeconds,
    full_resolution_seconds: c.fullResolutionSeconds,
    first_response_breached: c.firstResponseBreached ? 1 : 0,
    resolution_breached: c.resolutionBreached ? 1 : 0,
    first_contact_resolution: flag(c.firstContactResolution),
    csat: latestScore(c, 'csat'),
    nps: latestScore(c, 'nps'),
    complaint_ids: [...c.complaintIds],
    evidence_event_ids: [...c.evidenceEventIds],
  };
}

/**
 * The worklist segment: a value tier from the RFM monetary score (`high_value` 4–5, `mid_value`
 * 3, `low_value` 1–2), `no_orders` without a scored order.
 */
export function worklistSegment(state: CustomerState): string {
  const m = state.profile.rfm.scores?.monetary;
  if (m === undefined || m === 0) return 'no_orders';
  return m >= 4 ? 'high_value' : m === 3 ? 'mid_value' : 'low_value';
}

function worklistRow(state: CustomerState): ChurnWorklistRow {
  const { churn } = state;
  const now = churn.current;
  const open = churn.open;
  return {
    project_id: state.projectId,
    customer_key: state.customerKey,
    version: state.version,
    open: open ? 1 : 0,
    score: now.score,
    value_at_risk: open ? now.valueAtRisk : 0,
    stage: state.lifecycle.stage ?? '',
    segment: worklistSegment(state),
    reasons: now.reasons.map((r) => r.signal),
    explanations: now.reasons.map((r) => r.explanation),
    evidence: now.reasons.map((r) => [...r.evidenceEventIds]),
    raised_at: open ? time(churn.episodes.at(-1)?.raised.at) : null,
    p_alive: now.pAlive,
    expected_purchases: now.expectedPurchases,
    expected_spend: now.expectedSpend,
    model_version: now.modelVersion,
  };
}

/**
 * The warehouse rows of one customer state: the profile row, a `merged_into` row for each other
 * key the customer is known by (so a profile computed under that key before the merge is
 * superseded), a row per service case, and the churn worklist row (plus a closed one per other
 * key, superseding a warning computed under it before the merge). `firstChannel` is the channel of the first touchpoint.
 * Nothing here depends on the evaluation time except what the stage machine fixed. Pure.
 */
export function customerStateRows(
  state: CustomerState,
  memberKeys: readonly string[],
  firstChannel: string,
): { profiles: CustomerProfileRow[]; cases: ServiceCaseRow[]; worklist: ChurnWorklistRow[] } {
  const { profile, lifecycle, service, feedback } = state;
  const main = profile.revenue.find((r) => r.currency === profile.rfm.currency);
  const others = [...new Set(memberKeys)].filter((key) => key !== state.customerKey).sort();
  const row: CustomerProfileRow = {
    project_id: state.projectId,
    customer_key: state.customerKey,
    version: state.version,
    merged_into: '',
    member_keys: [state.customerKey, ...others],
    first_seen_at: time(profile.firstSeenAt),
    last_seen_at: time(profile.lastSeenAt),
    first_channel: firstChannel,
    touchpoints: profile.touchpoints,
    channel_counts: { ...profile.byChannel },
    orders: profile.orders,
    kept_orders: profile.rfm.frequency,
    first_order_at: time(profile.firstOrderAt),
    last_order_at: time(profile.lastOrderAt),
    currency: profile.rfm.currency ?? '',
    net_revenue: main?.net ?? 0,
    avg_order_value: main?.averageOrderValue ?? null,
    rfm_frequency_score: profile.rfm.scores?.frequency ?? 0,
    rfm_monetary_score: profile.rfm.scores?.monetary ?? 0,
    stage: lifecycle.stage ?? '',
    stage_since: time(lifecycle.since),
    stage_history: lifecycle.transitions.map((t) => ({
      at: toClickHouseTime(t.at.toISOString()),
      from_stage: t.from ?? '',
      to_stage: t.to,
      rule: t.rule,
    })),
    open_cases: service.cases.filter((c) => c.status === 'open').length,
    total_cases: service.cases.length,
    latest_csat: feedback.latestCsat?.score ?? null,
    latest_nps: feedback.latestNps?.score ?? null,
    next_review_at: time(state.nextReviewAt),
    settings_versions: JSON.stringify(state.settingsVersions),
    details: JSON.stringify({
      revenue: profile.revenue,
      byType: profile.byType,
      lifecycle: lifecycle.transitions,
      feedback: { averageCsat: feedback.averageCsat, averageNps: feedback.averageNps },
    }),
  };
  const merged = others.map((key): CustomerProfileRow => ({
    ...emptyProfile(state.projectId, key, state.version),
    merged_into: state.customerKey,
  }));
  const warning = worklistRow(state);
  const closed = others.map((key): ChurnWorklistRow => ({
    ...warning,
    customer_key: key,
    open: 0,
    value_at_risk: 0,
    reasons: [],
    explanations: [],
    evidence: [],
    raised_at: null,
  }));
  return {
    profiles: [row, ...merged],
    cases: service.cases.map((c) => caseRow(state, c)),
    worklist: [warning, ...closed],
  };
}

function emptyProfile(projectId: string, customerKey: string, version: number): CustomerProfileRow {
  return {
    project_id: projectId,
    customer_key: customerKey,
    version,
    merged_into: '',
    member_keys: [],
    first_seen_at: null,
    last_seen_at: null,
    first_channel: '',
    touchpoints: 0,
    channel_counts: {},
    orders: 0,
    kept_orders: 0,
    first_order_at: null,
    last_order_at: null,
    currency: '',
    net_revenue: 0,
    avg_order_value: null,
    rfm_frequency_score: 0,
    rfm_monetary_score: 0,
    stage: '',
    stage_since: null,
    stage_history: [],
    open_cases: 0,
    total_cases: 0,
    latest_csat: null,
    latest_nps: null,
    next_review_at: null,
    settings_versions: '{}',
    details: '{}',
  };
}
