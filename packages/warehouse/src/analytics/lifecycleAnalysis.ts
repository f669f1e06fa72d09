import type { QueryParams, Warehouse } from '../warehouse.ts';
import { periodStart, type AnalyticsPeriod } from './periodStart.ts';

/** A lifecycle question (structurally the contracts' `LifecycleQuery`, after defaults). */
export interface LifecycleSpec {
  readonly from: string;
  readonly to: string;
  readonly period: AnalyticsPeriod;
  readonly timezone: string;
}

export interface LifecyclePeriod {
  /** The period's first day (YYYY-MM-DD, in the query's time zone). */
  readonly start: string;
  /** The instant the distribution is taken at: the period's end, or `to` if earlier (ISO 8601). */
  readonly at: string;
  /** Customers per stage at that instant (customers without a stage yet are not counted). */
  readonly stages: Readonly<Record<string, number>>;
}

export interface LifecycleTransition {
  /** null: the customer's first stage. */
  readonly from: string | null;
  readonly to: string;
  readonly transitions: number;
  readonly customers: number;
}

export interface LifecycleResult {
  readonly periods: readonly LifecyclePeriod[];
  readonly transitions: readonly LifecycleTransition[];
}

const ADD: Record<AnalyticsPeriod, string> = {
  day: 'addDays',
  week: 'addWeeks',
  month: 'addMonths',
};
/** More periods than any allowed range holds (the range is at most about two years). */
const MAX_PERIODS = 800;

/**
 * Lifecycle analytics over the canonical customers' stage histories (`customer_profiles`, the
 * rows the state worker folds from each unified journey): for each period of [from, to) the
 * number of customers in each stage at its end (a customer's stage at an instant is the target of
 * their last transition before it), and the transition matrix of [from, to).
 */
export async function lifecycleAnalysis(
  warehouse: Warehouse,
  projectId: string,
  spec: LifecycleSpec,
): Promise<LifecycleResult> {
  const db = warehouse.database;
  const params: QueryParams = {
    projectId,
    fromMs: Date.parse(spec.from),
    toMs: Date.parse(spec.to),
    tz: spec.timezone,
    maxPeriods: MAX_PERIODS,
  };
  const periodList = `WITH {tz:String} AS tz,
          ${periodStart(spec.period, "fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')", 'tz')} AS p0,
          arrayFilter(d -> toDateTime(d, tz) < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC'),
                      arrayMap(k -> ${ADD[spec.period]}(p0, k), range({maxPeriods:UInt32}))) AS starts,
          arrayMap(d -> least(toInt64(toUnixTimestamp(toDateTime(${ADD[spec.period]}(d, 1), tz))) * 1000,
                              {toMs:Int64}), starts) AS ends`;
  const [periods, points, matrix] = await Promise.all([
    // Every period, including those where nobody had a stage yet.
    warehouse.query<{ start: string; end_ms: string | number }>(
      `${periodList}
       SELECT toString(starts[i]) AS start, ends[i] AS end_ms
       FROM (SELECT arrayJoin(arrayEnumerate(starts)) AS i)
       ORDER BY i`,
      params,
    ),
    warehouse.query<{
      i: number;
      start: string;
      end_ms: string | number;
      stage: string;
      n: string;
    }>(
      `${periodList}
       SELECT i, s.to_stage AS stage, count() AS n
       FROM (
         SELECT i, e, arrayLast(h -> toUnixTimestamp64Milli(h.at) < e, stage_history) AS s
         FROM (
           SELECT arrayJoin(arrayEnumerate(ends)) AS i, ends[i] AS e, stage_history
           FROM ${db}.customer_profiles FINAL
           WHERE project_id = {projectId:String} AND merged_into = ''
         )
       )
       WHERE s.to_stage != ''
       GROUP BY i, stage
       ORDER BY i, stage`,
      params,
    ),
    warehouse.query<{ from_stage: string; to_stage: string; n: string; customers: string }>(
      `SELECT h.from_stage AS from_stage, h.to_stage AS to_stage, count() AS n,
              uniqExact(customer_key) AS customers
       FROM ${db}.customer_profiles FINAL ARRAY JOIN stage_history AS h
       WHERE project_id = {projectId:String} AND merged_into = ''
         AND h.at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
         AND h.at < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
       GROUP BY from_stage, to_stage
       ORDER BY n DESC, from_stage, to_stage`,
      params,
    ),
  ]);
  // Stage counts by period index (1-based, as the periods are listed).
  const stagesAt = periods.map((): Record<string, number> => ({}));
  for (const row of points) stagesAt[Number(row.i) - 1]![row.stage] = Number(row.n);
  return {
    periods: periods.map((p, i) => ({
      start: p.start,
      at: new Date(Number(p.end_ms)).toISOString(),
      stages: stagesAt[i]!,
    })),
    transitions: matrix.map((row) => ({
      from: row.from_stage === '' ? null : row.from_stage,
      to: row.to_stage,
      transitions: Number(row.n),
      customers: Number(row.customers),
    })),
  };
}
