import type { Warehouse } from './warehouse.ts';

/** One customer's orders in a calibration window: times (epoch ms) and amounts, in time order. */
export interface CustomerOrders {
  /** The canonical customer key (identity-unified). */
  readonly customerKey: string;
  readonly times: readonly number[];
  readonly amounts: readonly number[];
}

/** Calibration window in whole UTC days, both ends inclusive (`YYYY-MM-DD`). */
export interface CalibrationWindow {
  readonly from: string;
  readonly to: string;
}

interface OrdersSqlRow {
  customer: string;
  times: (string | number)[];
  amounts: number[];
}

const DAY_MS = 86_400_000;

/**
 * The `order.placed` touchpoints (time, `data.amount`) of every customer born in the window, i.e.
 * whose first order ever falls in [from, to]; orders after `to` are left out. Customers are
 * identity-unified: each timeline key is replaced by its canonical key from `identity_map` FINAL
 * (a key without a row is its own). Same-day merging and time units are left to the caller
 * (`rfmSummary`). Sorted by customer key, each customer's orders by time, so the result is
 * deterministic. One query; only the window's rows leave the warehouse.
 */
export async function readOrderHistories(
  warehouse: Warehouse,
  projectId: string,
  window: CalibrationWindow,
): Promise<CustomerOrders[]> {
  const fromMs = Date.parse(`${window.from}T00:00:00Z`);
  const endMs = Date.parse(`${window.to}T00:00:00Z`) + DAY_MS;
  if (!Number.isFinite(fromMs) || !Number.isFinite(endMs) || endMs <= fromMs)
    throw new RangeError(`invalid calibration window ${window.from}..${window.to}`);
  const db = warehouse.database;
  const rows = await warehouse.query<OrdersSqlRow>(
    `SELECT customer,
            arrayMap(o -> toUnixTimestamp64Milli(o.1), sorted) AS times,
            arrayMap(o -> o.2, sorted) AS amounts
     FROM (
       SELECT customer, min(occurred_at) AS first, arraySort(groupArray((occurred_at, amount))) AS sorted
       FROM (
         SELECT if(m.canonical_key = '', t.customer_key, m.canonical_key) AS customer,
                t.occurred_at AS occurred_at,
                JSONExtractFloat(t.data, 'amount') AS amount
         FROM ${db}.timeline_events AS t FINAL
         LEFT JOIN (
           SELECT customer_key, canonical_key FROM ${db}.identity_map FINAL
           WHERE project_id = {projectId:String}
         ) AS m ON t.customer_key = m.customer_key
         WHERE t.project_id = {projectId:String} AND t.type = 'order.placed'
           AND t.occurred_at < fromUnixTimestamp64Milli({endMs:Int64}, 'UTC')
       )
       GROUP BY customer
       HAVING first >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
     )
     ORDER BY customer`,
    { projectId, fromMs, endMs },
  );
  return rows.map((row) => ({
    customerKey: row.customer,
    times: row.times.map(Number),
    amounts: row.amounts.map(Number),
  }));
}

/** Projects with at least one `order.placed` touchpoint at or after `since`. */
export async function projectsWithOrders(warehouse: Warehouse, since: Date): Promise<string[]> {
  const rows = await warehouse.query<{ project_id: string }>(
    `SELECT DISTINCT project_id FROM ${warehouse.database}.timeline_events
     WHERE type = 'order.placed' AND occurred_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')
     ORDER BY project_id`,
    { since: since.getTime() },
  );
  return rows.map((row) => row.project_id);
}
