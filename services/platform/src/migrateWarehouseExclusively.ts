import type { SqlExecutor } from '@touchline/event-store';
import { migrateWarehouse, type Warehouse } from '@touchline/warehouse';

/** Advisory lock id of warehouse migrations (the store's own migrations hold 7_402_113). */
const WAREHOUSE_MIGRATION_LOCK = 7_402_114;

/**
 * Applies the warehouse's pending migrations, one process at a time. Every process that uses the
 * warehouse migrates it at start, and on a ClickHouse server shared by several processes two
 * migrators must not interleave (0008 copies a table and swaps it in). ClickHouse has no locks, so
 * a PostgreSQL store's advisory lock, held by a transaction for the whole run, makes the others
 * wait; they then find nothing left to apply. PGlite + chdb is one process per data directory.
 */
export async function migrateWarehouseExclusively(
  warehouse: Warehouse,
  store: SqlExecutor | undefined,
): Promise<number[]> {
  if (store?.kind !== 'postgres') return migrateWarehouse(warehouse);
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [WAREHOUSE_MIGRATION_LOCK]);
    return migrateWarehouse(warehouse);
  });
}
