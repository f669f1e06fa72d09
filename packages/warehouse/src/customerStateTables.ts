import type { ChurnWorklistRow, CustomerProfileRow, ServiceCaseRow } from '@touchline/journey';
import type { Warehouse } from './warehouse.ts';

/** The warehouse tables the customer-state projection owns (emptied by its rebuild). */
export const CUSTOMER_STATE_TABLES = [
  'customer_profiles',
  'service_cases',
  'churn_worklist',
  'customer_state_queue',
] as const;

/**
 * Writes recomputed customer state: profile rows (incl. merged-key rows), case rows and churn
 * worklist rows (the profiles last, since the review sweep reads them).
 */
export async function insertCustomerState(
  warehouse: Warehouse,
  rows: {
    profiles: readonly CustomerProfileRow[];
    cases: readonly ServiceCaseRow[];
    worklist?: readonly ChurnWorklistRow[];
  },
): Promise<void> {
  if (rows.worklist && rows.worklist.length > 0)
    await warehouse.insert(`${warehouse.database}.churn_worklist`, rows.worklist);
  if (rows.cases.length > 0)
    await warehouse.insert(`${warehouse.database}.service_cases`, rows.cases);
  if (rows.profiles.length > 0)
    await warehouse.insert(`${warehouse.database}.customer_profiles`, rows.profiles);
}

/** Canonical customers whose state may change by `asOf` without a new event, per project. */
export async function customersDueForReview(
  warehouse: Warehouse,
  asOf: Date,
  limit: number,
): Promise<Map<string, string[]>> {
  const rows = await warehouse.query<{ project_id: string; customer_key: string }>(
    `SELECT project_id, customer_key FROM ${warehouse.database}.customer_profiles FINAL
     WHERE merged_into = '' AND next_review_at IS NOT NULL
       AND next_review_at <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')
     ORDER BY next_review_at LIMIT {limit:UInt32}`,
    { asOf: asOf.getTime(), limit },
  );
  return groupByProject(rows);
}

/** Every customer key with touchpoints, per project (for a full recompute), in key order. */
export async function customersWithTouchpoints(
  warehouse: Warehouse,
): Promise<Map<string, string[]>> {
  const rows = await warehouse.query<{ project_id: string; customer_key: string }>(
    `SELECT DISTINCT project_id, customer_key FROM ${warehouse.database}.timeline_events
     ORDER BY project_id, customer_key`,
  );
  return groupByProject(rows);
}

/** Deletes the state rows kept under one customer key (GDPR erasure of that key's stream). */
export async function eraseCustomerState(
  warehouse: Warehouse,
  customer: { projectId: string; customerKey: string },
): Promise<void> {
  for (const table of ['customer_profiles', 'service_cases', 'churn_worklist']) {
    await warehouse.command(
      `DELETE FROM ${warehouse.database}.${table}
       WHERE project_id = {projectId:String} AND customer_key = {customerKey:String}`,
      customer,
    );
  }
}

function groupByProject(
  rows: readonly { project_id: string; customer_key: string }[],
): Map<string, string[]> {
  const byProject = new Map<string, string[]>();
  for (const row of rows) {
    const keys = byProject.get(row.project_id) ?? [];
    keys.push(row.customer_key);
    byProject.set(row.project_id, keys);
  }
  return byProject;
}
