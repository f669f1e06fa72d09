import type { QueryParams, Warehouse } from '../warehouse.ts';
import { periodStart, type AnalyticsPeriod } from './periodStart.ts';
import { filterCondition, unifiedEvents, type AnalyticsEventFilter } from './analyticsEvents.ts';

/** A retention question (structurally the contracts' `RetentionQuery`, after defaults). */
export interface RetentionSpec {
  readonly from: string;
  readonly to: string;
  readonly start?: AnalyticsEventFilter | undefined;
  readonly returnEvent?: AnalyticsEventFilter | undefined;
  readonly period: AnalyticsPeriod;
  readonly periods: number;
  readonly timezone: string;
}

export interface RetentionCohort {
  /** The cohort period's first day (YYYY-MM-DD, in the query's time zone). */
  readonly cohort: string;
  readonly customers: number;
  /** Customers with a return event in period 1, 2, .. `periods` after their start period. */
  readonly returned: readonly number[];
}

/** Whole periods between two period starts (Dates). */
const PERIODS_BETWEEN: Record<RetentionSpec['period'], (a: string, b: string) => string> = {
  day: (a, b) => `dateDiff('day', ${a}, ${b})`,
  week: (a, b) => `intDiv(dateDiff('day', ${a}, ${b}), 7)`,
  month: (a, b) => `dateDiff('month', ${a}, ${b})`,
};
const LONGEST_PERIOD_MS: Record<RetentionSpec['period'], number> = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 31 * 86_400_000,
};

/**
 * Cohort retention over the project's identity-unified journeys, in one query. A customer's start
 * is their first start event ever (their first event of any kind by default); they are in the
 * cohort of its period when it falls in [from, to). They count as returned in period k when a
 * return event falls k periods (calendar days, Monday weeks or months in `timezone`) after it.
 */
export async function retentionAnalysis(
  warehouse: Warehouse,
  projectId: string,
  spec: RetentionSpec,
): Promise<RetentionCohort[]> {
  const params: QueryParams = {
    projectId,
    fromMs: Date.parse(spec.from),
    cohortToMs: Date.parse(spec.to),
    // Returns can fall up to `periods` after the last cohort period.
    toMs: Date.parse(spec.to) + (spec.periods + 1) * LONGEST_PERIOD_MS[spec.period],
    tz: spec.timezone,
    periods: spec.periods,
  };
  const isStart = spec.start ? filterCondition(spec.start, 'start', params) : '1';
  const isReturn = spec.returnEvent ? filterCondition(spec.returnEvent, 'ret', params) : '1';
  // Only start and return events matter: with both filters given, the scan keeps only those.
  const where = spec.start && spec.returnEvent ? `(${isStart} OR ${isReturn})` : undefined;
  const at = (ms: string) => `fromUnixTimestamp64Milli(${ms}, 'UTC')`;
  const startPeriod = periodStart(spec.period, at('startT'));
  const rows = await warehouse.query<{
    cohort: string;
    customers: number | string;
    returned: (number | string)[];
  }>(
    `SELECT toString(${startPeriod}) AS cohort, count() AS customers,
            sumForEach(arrayMap(k -> toUInt64(has(returnPeriods, k)), range(1, {periods:UInt8} + 1))) AS returned
     FROM (
       SELECT startT,
              arrayMap(r -> ${PERIODS_BETWEEN[spec.period](startPeriod, periodStart(spec.period, at('r')))},
                       arrayFilter(r -> r > startT, returnTs)) AS returnPeriods
       FROM (
         SELECT customer, minIf(t, is_start) AS startT, groupArrayIf(t, is_return) AS returnTs
         FROM (${unifiedEvents(warehouse.database, `${isStart} AS is_start, ${isReturn} AS is_return`, { from: false, where })})
         GROUP BY customer
         HAVING countIf(is_start) > 0 AND startT >= {fromMs:Int64} AND startT < {cohortToMs:Int64}
       )
     )
     GROUP BY cohort ORDER BY cohort`,
    params,
  );
  return rows.map((row) => ({
    cohort: row.cohort,
    customers: Number(row.customers),
    returned: row.returned.map(Number),
  }));
}
