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

/** Added to epoch-ms times so that they sort as unsigned numbers (any DateTime64 year). */
const TIME_OFFSET = '4611686018427387904';
const MAX_POSITION = '281474976710655';

const DEFAULT_EDGES = [60, 300, 900, 3_600, 21_600, 86_400, 259_200, 604_800, 1_209_600, 2_592_000];

/** The time-to-convert bucket edges: the requested ones (or defaults) up to the window, then it. */
export const timeToConvertEdges = (spec: FunnelSpec): number[] => [
  ...(spec.timeToConvertBucketsSeconds ?? DEFAULT_EDGES).filter((e) => e < spec.windowSeconds),
  spec.windowSeconds,
];

/**
 * Per entry event (a step-1 event in range, at time `ti`), one Int64: (ms from the entry to the
 * last step reached) × 64 + steps reached (+ 32 once a strict chain broke). `st, sm, sl` stand
 * for the times and step bit masks of the customer's events after the entry that may be a later
 * step, in journey order (strict order: all events after it), and the entry's window end
 * repeated; `n` is the step count, `w` the window in ms. The lambdas take their arrays
 * as arguments and capture none: ClickHouse copies a captured array into every element a lambda
 * visits, which made these folds quadratic; a number as the accumulator is cheaper than a tuple.
 */
const ENTRY_LEVEL: Record<FunnelSpec['order'], string> = {
  // Greedy: each later event that matches the next step (within the window) takes it.
  sequential: `arrayFold((acc, tj, mj, lj) ->
                  if(bitAnd(acc, 31) < n AND tj <= lj AND bitTest(mj, bitAnd(acc, 31)),
                     (tj - lj + w) * 64 + bitAnd(acc, 31) + 1, acc),
                st, sm, sl, toInt64(1))`,
  // The events right after the entry must be the next steps, one by one.
  strict: `arrayFold((acc, tj, mj, lj) -> if(bitTest(acc, 5), acc,
                  if(bitAnd(acc, 31) < n AND tj <= lj AND bitTest(mj, bitAnd(acc, 31)),
                     (tj - lj + w) * 64 + bitAnd(acc, 31) + 1, bitOr(acc, 32))),
                st, sm, sl, toInt64(1))`,
  // Steps 2.. each need an event after the entry within the window, in any order; the count is
  // of the leading steps that have one, the time that of the latest of their first events.
  any: `arrayFold((acc, k) -> if(bitTest(acc, 5), acc,
                  if(arrayExists((tj, mj, lj) -> tj <= lj AND bitTest(mj, k), st, sm, sl),
                     greatest(intDiv(acc, 64),
                              arrayFirst((tj, mj, lj) -> tj <= lj AND bitTest(mj, k), st, sm, sl)
                                - ti) * 64 + bitAnd(acc, 31) + 1,
                     bitOr(acc, 32))),
                range(1, n), toInt64(1))`,
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
  const later = spec.order === 'strict' ? '1' : 'm > 1';
  // An entry: a step-1 event (mask m, time t) in [from, to).
  const isEntry = 'bitTest(m, 0) AND t >= {fromMs:Int64} AND t < {entryToMs:Int64}';
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
                arrayFilter((i, m, t) -> ${isEntry}, arrayEnumerate(ts), ms, ts) AS entries,
                -- Later steps are looked for among the events that can be one (any step but the
                -- first: a mask above 1; strict order: every event, any other one breaks a chain).
                -- after counts them up to each event, so an entry's are those past its count.
                arrayFilter((t, m) -> ${later}, ts, ms) AS lts,
                arrayFilter(m -> ${later}, ms) AS lms,
                arrayCumSum(arrayMap(m -> toUInt32(${later}), ms)) AS after,
                arrayFilter((c, m, t) -> ${isEntry}, after, ms, ts) AS entryAfter,
                arrayFilter((t, m) -> ${isEntry}, ts, ms) AS entryTimes,
                -- Without a step-2 event every entry stays at step 1 and the folds are skipped
                -- (short-circuit evaluation of if).
                if(arrayExists(m -> bitTest(m, 1), ms),
                   arrayMap((c, ti) -> ${ENTRY_LEVEL[spec.order].replaceAll(
                     'st, sm, sl',
                     'arraySlice(lts, c + 1), arraySlice(lms, c + 1), arrayWithConstant(length(lts) - c, ti + w)',
                   )}, entryAfter, entryTimes),
                   arrayWithConstant(length(entries), toInt64(1))) AS results,
                arrayMap(r -> bitAnd(r, 31), results) AS levels,
                -- The entry reaching the most steps, the earliest of those.
                indexOf(levels, arrayMax(levels)) AS b,
                (levels[b], intDiv(results[b], 64), entries[b]) AS best
         FROM (
           -- Journey order: time, then store position. Each event is one UInt128 (time | position
           -- | step mask), so one plain array sort orders a customer's events; positions are
           -- taken below 2^48 for that.
           SELECT customer,
                  arraySort(groupArray(bitOr(bitShiftLeft(toUInt128(t + ${TIME_OFFSET}), 64),
                                             bitOr(bitShiftLeft(toUInt128(least(pos, ${MAX_POSITION})), 16), mask)))) AS evs,
                  arrayMap(x -> toInt64(bitShiftRight(x, 64)) - ${TIME_OFFSET}, evs) AS ts,
                  arrayMap(x -> toUInt16(bitAnd(x, 65535)), evs) AS ms,
                  ${
                    spec.breakdown === 'channel'
                      ? `arraySort((c, k) -> k, groupArray(channel),
                                   groupArray(bitOr(bitShiftLeft(toUInt128(t + ${TIME_OFFSET}), 64), toUInt128(pos))))`
                      : 'CAST([] AS Array(String))'
                  } AS chs
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
