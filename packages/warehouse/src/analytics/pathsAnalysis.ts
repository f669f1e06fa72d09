import type { QueryParams, Warehouse } from '../warehouse.ts';
import { filterCondition, unifiedEvents, type AnalyticsEventFilter } from './analyticsEvents.ts';

/** A paths question (structurally the contracts' `PathsQuery`, after defaults). */
export interface PathsSpec {
  readonly from: string;
  readonly to: string;
  readonly anchor: AnalyticsEventFilter;
  readonly direction: 'next' | 'previous';
  readonly depth: number;
  readonly limit: number;
}

export interface PathsResult {
  /** Customers with an anchor event in [from, to). */
  readonly customers: number;
  /** The most frequent sequences, most customers first (equal counts: by sequence). */
  readonly sequences: readonly { steps: readonly string[]; customers: number }[];
}

/**
 * The steps customers take after (or before) an event, in one query: from each customer's first
 * anchor event in [from, to), the next (previous) `depth` events in [from, to), nearest first,
 * each named `type` or `type:event name`. A journey that ends sooner gives a shorter sequence.
 */
export async function pathsAnalysis(
  warehouse: Warehouse,
  projectId: string,
  spec: PathsSpec,
): Promise<PathsResult> {
  const params: QueryParams = {
    projectId,
    fromMs: Date.parse(spec.from),
    toMs: Date.parse(spec.to),
    depth: spec.depth,
    limit: spec.limit,
  };
  const isAnchor = filterCondition(spec.anchor, 'anchor', params);
  const sequence =
    spec.direction === 'next'
      ? 'arraySlice(labels, a + 1, {depth:UInt8})'
      : 'arrayReverse(arraySlice(labels, greatest(a - {depth:UInt8}, 1), a - greatest(a - {depth:UInt8}, 1)))';
  const rows = await warehouse.query<{
    steps: string[];
    customers: number | string;
    total: number | string;
  }>(
    `SELECT steps, count() AS customers, sum(count()) OVER () AS total
     FROM (
       SELECT ${sequence} AS steps
       FROM (
         SELECT arraySort(x -> (x.1, x.2), groupArray((t, pos, label, is_anchor))) AS evs,
                arrayMap(x -> x.3, evs) AS labels,
                arrayFirstIndex(x -> x.4 = 1, evs) AS a
         FROM (${unifiedEvents(
           warehouse.database,
           `if(event_name = '', type, concat(type, ':', event_name)) AS label, toUInt8(${isAnchor}) AS is_anchor`,
           { from: true },
         )})
         GROUP BY customer
         HAVING a > 0
       )
     )
     GROUP BY steps
     ORDER BY customers DESC, steps
     LIMIT {limit:UInt32}`,
    params,
  );
  return {
    customers: Number(rows[0]?.total ?? 0),
    sequences: rows.map((row) => ({ steps: row.steps, customers: Number(row.customers) })),
  };
}
