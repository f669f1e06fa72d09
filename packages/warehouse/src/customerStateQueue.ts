import { loadProjectionCheckpoint, saveProjectionCheckpoint } from './projectionCheckpoints.ts';
import type { Warehouse } from './warehouse.ts';

const WATERMARK = 'customer_state';
const pad = (seq: number) => String(seq).padStart(20, '0');

/** The queue's watermark: every entry up to it has been recomputed (0 when none). */
export async function loadQueueWatermark(warehouse: Warehouse): Promise<number> {
  return Number((await loadProjectionCheckpoint(warehouse, WATERMARK)) ?? 0);
}

export async function saveQueueWatermark(warehouse: Warehouse, seq: number): Promise<void> {
  await saveProjectionCheckpoint(warehouse, WATERMARK, pad(seq));
}

/** The next free sequence number: above every queued entry and the watermark. */
export async function nextQueueSeq(warehouse: Warehouse): Promise<number> {
  const [row] = await warehouse.query<{ seq: string | number }>(
    `SELECT max(seq) AS seq FROM ${warehouse.database}.customer_state_queue`,
  );
  return Math.max(Number(row?.seq ?? 0), await loadQueueWatermark(warehouse)) + 1;
}

/** Queues customers (per project) for recomputation under one sequence number. */
export async function enqueueCustomers(
  warehouse: Warehouse,
  seq: number,
  customers: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<void> {
  const rows = [...customers].flatMap(([projectId, keys]) =>
    [...keys].map((key) => ({ seq, project_id: projectId, customer_key: key })),
  );
  if (rows.length > 0) await warehouse.insert(`${warehouse.database}.customer_state_queue`, rows);
}

/**
 * The customers queued after `after`, up to the sequence number `upTo` (chosen so that about
 * `limit` entries are taken; a whole sequence number is always taken at once). Undefined when
 * nothing is queued.
 */
export async function readQueue(
  warehouse: Warehouse,
  after: number,
  limit: number,
): Promise<{ upTo: number; customers: Map<string, string[]> } | undefined> {
  const db = warehouse.database;
  const [bound] = await warehouse.query<{ upTo: string | number; n: string | number }>(
    `SELECT max(seq) AS upTo, count() AS n FROM
       (SELECT seq FROM ${db}.customer_state_queue WHERE seq > {after:UInt64} ORDER BY seq LIMIT {limit:UInt32})`,
    { after, limit },
  );
  if (!bound || Number(bound.n) === 0) return undefined;
  const upTo = Number(bound.upTo);
  const rows = await warehouse.query<{ project_id: string; customer_key: string }>(
    `SELECT DISTINCT project_id, customer_key FROM ${db}.customer_state_queue
     WHERE seq > {after:UInt64} AND seq <= {upTo:UInt64} ORDER BY project_id, customer_key`,
    { after, upTo },
  );
  const customers = new Map<string, string[]>();
  for (const row of rows) {
    const keys = customers.get(row.project_id) ?? [];
    keys.push(row.customer_key);
    customers.set(row.project_id, keys);
  }
  return { upTo, customers };
}
