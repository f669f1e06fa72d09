import type { QueryParams, Warehouse } from '../warehouse.ts';
import { filterCondition, unifiedEvents, type AnalyticsEventFilter } from './analyticsEvents.ts';

/** A funnel question (structurally the contracts' `FunnelQuery`, after defaults). */
export interface FunnelSpec {
  readonly from: string;
  readonly to: string;
  readonly steps: readonly AnalyticsEventFilter[];
  readonly windowSeconds: number;
  readonly order: 'sequential' | 'strict' | 'any';
  readonly breakdown?: 'channel' | 'stage' | 'firstChannel' | undefined;
  readonly timeToConvertBucketsSeconds?: readonly number[] | undefined;
}

/** Customers per step and how long converting took, for all customers or one breakdown value. */
export interface FunnelGroup {
  /** Customers who reached each step (index 0: entered the funnel). */
  readonly steps: readonly number[];
  readonly timeToConvert: {
    readonly medianSeconds: number | null;
    readonly p90Seconds: number | null;
    /** Converted customers per bucket: (previous edge, upToSeconds], the first from 0. */
    readonly buckets: readonly { upToSeconds: number; customers: number }[];
  };
}

export interface FunnelResult extends FunnelGroup {
  readonly breakdown?: readonly (FunnelGroup & { value: string | null })[];
}

const DEFAULT_EDGES = [60, 300, 900, 3_600, 21_600, 86_400, 259_200, 604_800, 1_209_600, 2_592_000];

/** The time-to-convert bucket edges: the requested ones (or defaults) up to the window, then it. */
export const timeToConvertEdges = (spec: FunnelSpec): number[] => [
  ...(spec.timeToConvertBucketsSeconds ?? DEFAULT_EDGES).filter((e) => e < spec.windowSeconds),
  spec.windowSeconds,
];

/**
 * Per entry event `i` (a step-1 event in range): (steps reached, time of the last one). `ts` and
 * `ms` are the customer's event times and step bit masks in journey order, `n` the step count,
 * `w` the window in ms.
 */
const ENTRY_LEVEL: Record<FunnelSpec['order'], string> = {
  // Greedy: each later event that matches the next step (within the window) takes it.
  sequential: `arrayFold((acc, j) -> if(acc.1 < n AND j > i AND ts[j] <= ts[i] + w AND bitTest(ms[j], acc.1),
                  (toUInt8(acc.1 + 1), ts[j], toUInt8(1)), acc),
                arrayEnumerate(ts), (toUInt8(1), ts[i], toUInt8(1)))`,
  // The events right after the entry must be the next steps, one by one.
  strict: `arrayFold((acc, j) -> if(j <= i OR acc.3 = 0, acc,
                  if(acc.1 < n AND ts[j] <= ts[i] + w AND bitTest(ms[j], acc.1),
                     (toUInt8(acc.1 + 1), ts[j], toUInt8(1)), (acc.1, acc.2, toUInt8(0)))),
                arrayEnumerate(ts), (toUInt8(1), ts[i], toUInt8(1)))`,
  // Steps 2.. each need an event after the entry within the window, in any order; the count is
  // of the leading steps that have one.
  any: `arrayFold((acc, k) -> if(acc.3 = 0, acc,
                  if(arrayExists(j -> j > i AND ts[j] <= ts[i] + w AND bitTest(ms[j], k), arrayEnumerate(ts)),
                     (toUInt8(acc.1 + 1),
                      greatest(acc.2, ts[arrayFirstIndex(j -> j > i AND ts[j] <= ts[i] + w AND bitTest(ms[j], k), arrayEnumerate(ts))]),
                      toUInt8(1)),
                     (acc.1, acc.2, toUInt8(0)))),
                range(1, n), (toUInt8(1), ts[i], toUInt8(1)))`,
};

interface FunnelSqlRow {
  total: number;
  value: string | null;
  reached: (number | string)[];
  within: (number | string)[];
  q: (number | null)[];
}

/**
 * A conversion funnel over the project's identity-unified journeys, in one query (see the
 * insights README for the exact semantics). A customer enters at a step-1 event in [from, to);
 * later steps may fall up to the window after `to`. Of a customer's entries the one reaching the
 * most steps counts (the earliest of those): it gives the channel breakdown and the time to convert.
 */
export async function funnelAnalysis(
  warehouse: Warehouse,
  projectId: string,
  spec: FunnelSpec,
): Promise<FunnelResult> {
  const db = warehouse.database;
  const windowMs = spec.windowSeconds * 1000;
  const fromMs = Date.parse(spec.from);
  const toMs = Date.parse(spec.to);
  const edges = timeToConvertEdges(spec);
  const params: QueryParams = {
    projectId,
    fromMs,
    toMs: toMs + windowMs,
    entryToMs: toMs,
    n: spec.steps.length,
    w: windowMs,
    edges: edges.map((e) => e * 1000),
  };
  const conditions = spec.steps.map((step, k) => filterCondition(step, `s${k}`, params));
  const mask = conditions.map((condition, k) => `toUInt16(${condition}) * ${2 ** k}`).join(' + ');
  // Strict order needs every event (any other one breaks a chain); the others only step events,
  // kept in the scan itself, before the identity join.
  const where = spec.order === 'strict' ? undefined : `(${conditions.join(' OR ')})`;
  const breakdown =
    spec.breakdown === 'channel'
      ? 'chs[best.3]'
      : spec.breakdown === 'stage'
        ? "nullIf(p.stage, '')"
        : spec.breakdown === 'firstChannel'
          ? "nullIf(p.first_channel, '')"
          : 'CAST(NULL AS Nullable(String))';
  const profiles =
    spec.breakdown === 'stage' || spec.breakdown === 'firstChannel'
      ? `LEFT JOIN (SELECT customer_key, stage, first_channel FROM ${db}.customer_profiles FINAL
                    WHERE project_id = {projectId:String} AND merged_into = '') AS p
           ON c.customer = p.customer_key`
      : '';
  const rows = await warehouse.query<FunnelSqlRow>(
    `WITH {n:UInt8} AS n, {w:Int64} AS w
     SELECT grouping(value) = 1 AS total, value,
            sumForEach(arrayMap(k -> toUInt64(level >= k), range(1, n + 1))) AS reached,
            sumForEach(arrayMap(e -> toUInt64(level = n AND ttc <= e), {edges:Array(Int64)})) AS within,
            quantilesExactIf(0.5, 0.9)(ttc, level = n) AS q
     FROM (
       SELECT best.1 AS level, best.2 AS ttc, ${breakdown} AS value
       FROM (
         SELECT customer, ts, ms, chs,
                arrayFilter(i -> bitTest(ms[i], 0) AND ts[i] >= {fromMs:Int64} AND ts[i] < {entryToMs:Int64},
                            arrayEnumerate(ts)) AS entries,
                arrayMap(i -> ${ENTRY_LEVEL[spec.order]}, entries) AS results,
                arraySort(x -> (-x.1, x.3),
                          arrayMap((r, i) -> (r.1, r.2 - ts[i], i), results, entries))[1] AS best
         FROM (
           SELECT customer,
                  arraySort(x -> (x.1, x.2), groupArray((t, pos, mask, channel))) AS evs,
                  arrayMap(x -> x.1, evs) AS ts, arrayMap(x -> x.3, evs) AS ms,
                  arrayMap(x -> x.4, evs) AS chs
           FROM (${unifiedEvents(db, `toUInt16(${mask}) AS mask`, { from: true, where })})
           GROUP BY customer
         )
         WHERE length(entries) > 0
       ) AS c ${profiles}
     )
     GROUP BY GROUPING SETS ((value), ())
     ORDER BY total DESC, reached[1] DESC, value`,
    params,
  );
  const group = (row: FunnelSqlRow): FunnelGroup => {
    const within = row.within.map(Number);
    const converted = Number(row.reached[spec.steps.length - 1] ?? 0);
    return {
      steps: row.reached.map(Number),
      timeToConvert: {
        medianSeconds: converted > 0 && row.q[0] != null ? Number(row.q[0]) / 1000 : null,
        p90Seconds: converted > 0 && row.q[1] != null ? Number(row.q[1]) / 1000 : null,
        buckets: edges.map((upToSeconds, b) => ({
          upToSeconds,
          customers: within[b]! - (b === 0 ? 0 : within[b - 1]!),
        })),
      },
    };
  };
  const empty: FunnelGroup = group({
    total: 1,
    value: null,
    reached: spec.steps.map(() => 0),
    within: edges.map(() => 0),
    q: [],
  });
  const totalRow = rows.find((row) => Boolean(Number(row.total)));
  const result: FunnelResult = totalRow ? group(totalRow) : empty;
  if (!spec.breakdown) return result;
  return {
    ...result,
    breakdown: rows
      .filter((row) => !Number(row.total))
      .map((row) => ({ value: row.value, ...group(row) })),
  };
}
