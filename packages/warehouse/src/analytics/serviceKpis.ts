import type { QueryParams, Warehouse } from '../warehouse.ts';
import { periodStart, type AnalyticsPeriod } from './periodStart.ts';

/** A service KPI question (structurally the contracts' `ServiceQuery`, after defaults). */
export interface ServiceSpec {
  readonly from: string;
  readonly to: string;
  readonly period: AnalyticsPeriod;
  readonly timezone: string;
}

export interface Percentiles {
  readonly p50Seconds: number;
  readonly p90Seconds: number;
}

/** The KPIs of one period, for one channel or (channel null) all of them. */
export interface ServiceKpiRow {
  /** The period's first day (YYYY-MM-DD, in the query's time zone). */
  readonly period: string;
  readonly channel: string | null;
  /** Cases opened in the period (on the channel). */
  readonly cases: number;
  /** Over the cases with a first response; null when none had one. */
  readonly firstResponse: Percentiles | null;
  /** Time to the final resolution, over the resolved cases; null when none is resolved. */
  readonly resolution: Percentiles | null;
  /** Share of the cases with a first-contact-resolution verdict that were resolved at first contact. */
  readonly firstContactResolutionRate: number | null;
  /** Share of the cases that breached their first-response or resolution SLA. */
  readonly slaBreachRate: number | null;
  /** CSAT answers (1-5) in the period: count, mean, share of 4 and 5. */
  readonly csat: {
    readonly responses: number;
    readonly average: number;
    readonly satisfiedShare: number;
  } | null;
  /** NPS answers (0-10): count and score (% promoters 9-10 − % detractors 0-6). */
  readonly nps: { readonly responses: number; readonly score: number } | null;
}

interface CaseSqlRow {
  period: string;
  channel_name: string | null;
  cases: string;
  responded: string;
  fr: number[];
  resolved: string;
  res: number[];
  fcr_known: string;
  fcr_yes: string;
  breached: string;
}
interface SurveySqlRow {
  period: string;
  channel_name: string | null;
  csat_n: string;
  csat_sum: string;
  csat_ok: string;
  nps_n: string;
  promoters: string;
  detractors: string;
}

/**
 * Service KPIs per period of `timezone` and channel (and for all channels): cases (from
 * `service_cases`, the state worker's per-case figures under the project's SLA policy) by the
 * period they were opened in; CSAT and NPS from every `survey.answered` touchpoint by the period
 * it was answered in. Percentiles are exact: the value at index ⌊q·n⌋ of the sorted values.
 */
export async function serviceKpis(
  warehouse: Warehouse,
  projectId: string,
  spec: ServiceSpec,
): Promise<ServiceKpiRow[]> {
  const db = warehouse.database;
  const params: QueryParams = {
    projectId,
    fromMs: Date.parse(spec.from),
    toMs: Date.parse(spec.to),
    tz: spec.timezone,
  };
  const range = (column: string) =>
    `${column} >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
     AND ${column} < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')`;
  const [cases, surveys] = await Promise.all([
    warehouse.query<CaseSqlRow>(
      `SELECT toString(${periodStart(spec.period, 'assumeNotNull(opened_at)')}) AS period,
              if(grouping(channel) = 1, NULL, toNullable(toString(channel))) AS channel_name,
              count() AS cases,
              count(first_response_seconds) AS responded,
              quantilesExact(0.5, 0.9)(first_response_seconds) AS fr,
              count(full_resolution_seconds) AS resolved,
              quantilesExact(0.5, 0.9)(full_resolution_seconds) AS res,
              count(first_contact_resolution) AS fcr_known,
              countIf(first_contact_resolution = 1) AS fcr_yes,
              countIf(first_response_breached = 1 OR resolution_breached = 1) AS breached
       FROM ${db}.service_cases FINAL
       WHERE project_id = {projectId:String} AND opened_at IS NOT NULL AND ${range('opened_at')}
       GROUP BY GROUPING SETS ((period, channel), (period))`,
      params,
    ),
    warehouse.query<SurveySqlRow>(
      `SELECT toString(${periodStart(spec.period, 'occurred_at')}) AS period,
              if(grouping(channel) = 1, NULL, toNullable(toString(channel))) AS channel_name,
              countIf(kind = 'csat') AS csat_n, sumIf(score, kind = 'csat') AS csat_sum,
              countIf(kind = 'csat' AND score >= 4) AS csat_ok,
              countIf(kind = 'nps') AS nps_n, countIf(kind = 'nps' AND score >= 9) AS promoters,
              countIf(kind = 'nps' AND score <= 6) AS detractors
       FROM (
         SELECT occurred_at, channel, JSONExtractString(data, 'kind') AS kind,
                JSONExtractInt(data, 'score') AS score
         FROM ${db}.timeline_events
         WHERE project_id = {projectId:String} AND type = 'survey.answered' AND ${range('occurred_at')}
         ORDER BY store_position DESC
         LIMIT 1 BY customer_key, occurred_at, event_id
       )
       GROUP BY GROUPING SETS ((period, channel), (period))`,
      params,
    ),
  ]);
  const rows = new Map<string, ServiceKpiRow>();
  const empty = (period: string, channel: string | null): ServiceKpiRow => ({
    period,
    channel,
    cases: 0,
    firstResponse: null,
    resolution: null,
    firstContactResolutionRate: null,
    slaBreachRate: null,
    csat: null,
    nps: null,
  });
  const key = (period: string, channel: string | null) => `${period}|${channel ?? ''}`;
  const percentiles = (count: string, values: number[]): Percentiles | null =>
    Number(count) > 0 ? { p50Seconds: Number(values[0]), p90Seconds: Number(values[1]) } : null;
  for (const row of cases) {
    const n = Number(row.cases);
    rows.set(key(row.period, row.channel_name), {
      ...empty(row.period, row.channel_name),
      cases: n,
      firstResponse: percentiles(row.responded, row.fr),
      resolution: percentiles(row.resolved, row.res),
      firstContactResolutionRate:
        Number(row.fcr_known) > 0 ? Number(row.fcr_yes) / Number(row.fcr_known) : null,
      slaBreachRate: n > 0 ? Number(row.breached) / n : null,
    });
  }
  for (const row of surveys) {
    const at = key(row.period, row.channel_name);
    const csatN = Number(row.csat_n);
    const npsN = Number(row.nps_n);
    rows.set(at, {
      ...(rows.get(at) ?? empty(row.period, row.channel_name)),
      csat:
        csatN > 0
          ? {
              responses: csatN,
              average: Number(row.csat_sum) / csatN,
              satisfiedShare: Number(row.csat_ok) / csatN,
            }
          : null,
      nps:
        npsN > 0
          ? {
              responses: npsN,
              score: (100 * (Number(row.promoters) - Number(row.detractors))) / npsN,
            }
          : null,
    });
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.period.localeCompare(b.period) ||
      (a.channel === null ? -1 : b.channel === null ? 1 : a.channel.localeCompare(b.channel)),
  );
}
