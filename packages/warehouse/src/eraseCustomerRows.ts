import type { Warehouse } from './warehouse.ts';

/**
 * Deletes a customer's rows from the read models (lightweight DELETE, visible at once), for the
 * store's `$stream.erased` tombstones. Rows at or after the tombstone's position are kept: they
 * were appended after the erasure.
 */
export async function eraseCustomerRows(
  warehouse: Warehouse,
  erasure: { projectId: string; customerKey: string; beforePosition: number },
): Promise<void> {
  await warehouse.command(
    `DELETE FROM ${warehouse.database}.timeline_events
     WHERE project_id = {projectId:String} AND customer_key = {customerKey:String}
       AND store_position < {beforePosition:UInt64}`,
    erasure,
  );
}
