import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresExecutor, type SqlExecutor } from '@touchline/event-store';
import { createTestDatabase, postgresServer, tempDir, type TestPostgres } from '@touchline/testing';
import { loadMigrations, openWarehouse, type Warehouse } from '@touchline/warehouse';
import { migrateWarehouseExclusively } from './migrateWarehouseExclusively.ts';

const server = await postgresServer();

describe.runIf(server.available)('warehouse migrations under the store’s advisory lock', () => {
  const dir = tempDir('tl-migrate-lock-');
  let database: TestPostgres;
  let store: SqlExecutor;
  let warehouse: Warehouse;
  beforeAll(async () => {
    database = await createTestDatabase(server.available ? server.value : '');
    store = await openPostgresExecutor({ connectionString: database.url });
    warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
  });
  afterAll(async () => {
    await warehouse?.close();
    await store?.close();
    await database?.drop();
    dir.remove();
  });

  it('lets one of two concurrent migrators apply everything and the other nothing', async () => {
    // Two processes starting at once, as two callers on one engine: without the lock both would
    // find every migration pending and run each twice, interleaved.
    const all = loadMigrations(warehouse.database).map((m) => m.version);
    const applied = await Promise.all([
      migrateWarehouseExclusively(warehouse, store),
      migrateWarehouseExclusively(warehouse, store),
    ]);
    expect(applied.map((versions) => versions.length).sort()).toEqual([0, all.length]);
    expect(applied.flat()).toEqual(all);
    const recorded = await warehouse.query<{ version: number }>(
      `SELECT version FROM ${warehouse.database}.schema_migrations ORDER BY version`,
    );
    expect(recorded.map((r) => Number(r.version))).toEqual(all);
  });
});
