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

/** Later than any window end: the time of the sentinel past a customer's last event. */
const NEVER = '9223372036854775807';

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * SQL columns over a customer's journey (`ts` times, `ms` step bit masks, in journey order):
 * `entries`, the positions of its entry events, `entryTimes` their times, and `results`: per
 * entry one Int64, (ms from the entry to the last step reached) × 64 + steps reached. `isEntry`
 * is a condition on an event's mask `m` and time `t`; `w` is the window in ms.
 *
 * No fold, no lambda that captures an array (ClickHouse copies a captured array for every
 * element the lambda visits): every step is found for all positions at once with whole-array
 * fills and shifts, and the entries' values are picked at the end. With a sentinel past the last
 * event (time NEVER: never within a window), `next(k, X)` holds at each position the value of
 * X at the first later event that can be step k + 1 (bit k): a backward fill, then a shift.
 * Sequential (greedy) order chains them: step 3's time seen from an entry is next(1, next(2,
 * times)), the step-3 time seen from its step 2. Any order takes each step's first event after
 * the entry, next(k, times); strict order the event k places after it.
 */
function entryResults(order: FunnelSpec['order'], n: number, isEntry: string): string[] {
  const steps = range(1, n); // bit k: step k + 1
  const next = (k: number, values: string) =>
    `arrayShiftLeft(arrayReverseFill((x, m) -> bitTest(m, ${k}), ${values}, mz), 1, toInt64(${NEVER}))`;
  const chain = (k: number): string =>
    range(1, k + 1).reduceRight((values, j) => next(j, values), 'tz');
  const stepTimes = (k: number): string =>
    order === 'sequential'
      ? chain(k)
      : order === 'any'
        ? next(k, 'tz')
        : `arrayShiftLeft(tz, ${k}, toInt64(${NEVER}))`;
  const columns = [
    `arrayPushBack(ts, toInt64(${NEVER})) AS tz`,
    // The sentinel matches every step, so that a fill stops there.
    'arrayPushBack(ms, toUInt16(65535)) AS mz',
    `arrayPushBack(arrayMap((m, t) -> ${isEntry}, ms, ts), 0) AS ez`,
    // The entries' positions (1-based) and times.
    'arrayFilter((i, e) -> e, arrayEnumerate(tz), ez) AS entries',
    'arrayFilter((t, e) -> e, tz, ez) AS entryTimes',
    // t<k>: per entry, the time of the event that is step k + 1 (NEVER: none).
    ...steps.map((k) => `arrayFilter((t, e) -> e, ${stepTimes(k)}, ez) AS t${k}`),
  ];
  // Strict order: b<k>, whether the event k places after the entry is step k + 1.
  if (order === 'strict')
    columns.push(
      ...steps.map(
        (k) =>
          `arrayFilter((m, e) -> e, arrayShiftLeft(ms, ${k}, toUInt16(0)), arrayPopBack(ez)) AS b${k}`,
      ),
    );
  const ok = (k: number) =>
    order === 'strict' ? `(t${k} <= ti + w AND bitTest(b${k}, ${k}))` : `t${k} <= ti + w`;
  // Steps count while reached; in sequential order a step's time is never before the one's
  // before it, so the last step reached is the last one within the window.
  const reached = (k: number) =>
    order === 'sequential'
      ? ok(k)
      : range(1, k + 1)
          .map(ok)
          .join(' AND ');
  // The time: of the last step reached; in any order of the latest of the steps' first events.
  const time = (k: number) =>
    order === 'any'
      ? `greatest(${range(1, k + 1)
          .map((j) => `t${j}`)
          .join(', ')}) - ti`
      : `t${k} - ti`;
  const levels = [...steps].reverse().map((k) => `${reached(k)}, (${time(k)}) * 64 + ${k + 1}`);
  const args = [
    'ti',
    ...steps.map((k) => `t${k}`),
    ...(order === 'strict' ? steps.map((k) => `b${k}`) : []),
  ];
  const arrays = ['entryTimes', ...args.slice(1)];
  columns.push(
    `arrayMap((${args.join(', ')}) -> multiIf(${levels.join(', ')}, toInt64(1)), ${arrays.join(', ')}) AS results`,
  );
  return columns;
}

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
                ${entryResults(spec.order, spec.steps.length, isEntry).join(',\n                ')},
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
