import { readCustomerWarning, type WorklistItem } from './churnWorklist.ts';
import { resolveCustomerKeys } from './identityMapTable.ts';
import type { Warehouse } from './warehouse.ts';

/** A customer's state as the API shows it (customer 360), camelCase, ISO times. */
export interface CustomerView {
  readonly customerId: string;
  readonly memberIds: readonly string[];
  readonly firstSeenAt: string | null;
  readonly lastSeenAt: string | null;
  readonly firstChannel: string;
  readonly touchpoints: number;
  readonly byChannel: Record<string, number>;
  readonly orders: number;
  readonly keptOrders: number;
  readonly firstOrderAt: string | null;
  readonly lastOrderAt: string | null;
  readonly currency: string | null;
  readonly netRevenue: number;
  readonly averageOrderValue: number | null;
  readonly rfm: { frequencyScore: number | null; monetaryScore: number | null };
  readonly stage: {
    readonly current: string | null;
    readonly since: string | null;
    readonly history: readonly { at: string; from: string | null; to: string; rule: string }[];
  };
  readonly openCases: number;
  readonly totalCases: number;
  readonly latestCsat: number | null;
  readonly latestNps: number | null;
  readonly nextReviewAt: string | null;
  readonly cases: readonly Record<string, unknown>[];
  /**
   * The churn risk: score, value at risk and reasons with their explanations and evidence;
   * `open` while a warning is raised (the customer is on the worklist). Null before any recompute.
   */
  readonly churn:
    (Omit<WorklistItem, 'customerId' | 'stage' | 'segment'> & { open: boolean }) | null;
}

type Row = Record<string, unknown>;

const iso = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? `${value.replace(' ', 'T')}Z` : null;

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const caseView = (row: Row): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => !['project_id', 'customer_key', 'version'].includes(key))
      .map(([key, value]) => [
        camel(key),
        key.endsWith('_at')
          ? iso(value)
          : key.endsWith('_breached') || key === 'first_contact_resolution'
            ? value === null
              ? null
              : value === 1
            : value,
      ]),
  );

/**
 * One customer's profile, stage with its history, and service cases (open first), under any of
 * their keys (the identity map resolves it); undefined when the customer has no state yet.
 */
export async function readCustomerView(
  warehouse: Warehouse,
  projectId: string,
  customerKey: string,
): Promise<CustomerView | undefined> {
  const canonical = (await resolveCustomerKeys(warehouse, projectId, [customerKey])).get(
    customerKey,
  )!;
  const db = warehouse.database;
  const [profile] = await warehouse.query<Row>(
    `SELECT * FROM ${db}.customer_profiles FINAL
     WHERE project_id = {projectId:String} AND customer_key = {key:String} AND merged_into = ''`,
    { projectId, key: canonical },
  );
  if (!profile) return undefined;
  const cases = await warehouse.query<Row>(
    `SELECT * FROM ${db}.service_cases FINAL
     WHERE project_id = {projectId:String} AND customer_key = {key:String}
     ORDER BY status = 'open' DESC, opened_at DESC, case_id`,
    { projectId, key: canonical },
  );
  const warning = await readCustomerWarning(warehouse, projectId, canonical);
  const history = profile.stage_history as {
    at: string;
    from_stage: string;
    to_stage: string;
    rule: string;
  }[];
  const score = (v: unknown) => (typeof v === 'number' && v > 0 ? v : null);
  return {
    customerId: canonical,
    memberIds: profile.member_keys as string[],
    firstSeenAt: iso(profile.first_seen_at),
    lastSeenAt: iso(profile.last_seen_at),
    firstChannel: profile.first_channel as string,
    touchpoints: Number(profile.touchpoints),
    byChannel: profile.channel_counts as Record<string, number>,
    orders: Number(profile.orders),
    keptOrders: Number(profile.kept_orders),
    firstOrderAt: iso(profile.first_order_at),
    lastOrderAt: iso(profile.last_order_at),
    currency: (profile.currency as string) || null,
    netRevenue: Number(profile.net_revenue),
    averageOrderValue: profile.avg_order_value === null ? null : Number(profile.avg_order_value),
    rfm: {
      frequencyScore: score(profile.rfm_frequency_score),
      monetaryScore: score(profile.rfm_monetary_score),
    },
    stage: {
      current: (profile.stage as string) || null,
      since: iso(profile.stage_since),
      history: history.map((t) => ({
        at: iso(t.at)!,
        from: t.from_stage || null,
        to: t.to_stage,
        rule: t.rule,
      })),
    },
    openCases: Number(profile.open_cases),
    totalCases: Number(profile.total_cases),
    latestCsat: profile.latest_csat === null ? null : Number(profile.latest_csat),
    latestNps: profile.latest_nps === null ? null : Number(profile.latest_nps),
    nextReviewAt: iso(profile.next_review_at),
    cases: cases.map(caseView),
    churn: warning ? churnView(warning) : null,
  };
}

function churnView(warning: WorklistItem & { open: boolean }): NonNullable<CustomerView['churn']> {
  const { customerId: _id, stage: _stage, segment: _segment, ...rest } = warning;
  return rest;
}
