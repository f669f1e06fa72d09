import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from './warehouse.ts';

export const MIGRATIONS_DIR = fileURLToPath(
  new URL('../../../infra/clickhouse/migrations/', import.meta.url),
);

export interface WarehouseMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** Reads `NNNN_name.sql` files; `{{database}}` becomes the configured database. */
export function loadMigrations(database: string, dir = MIGRATIONS_DIR): WarehouseMigration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8').replaceAll('{{database}}', database);
      const statements = sql
        .split(/;\s*$/m)
        .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
        .filter(Boolean);
      return {
        version: Number.parseInt(file.slice(0, 4), 10),
        name: file.slice(5, -4),
        statements,
      };
    });
}

/** Applies pending migrations in order; returns the versions applied now. */
export async function migrateWarehouse(
  warehouse: Warehouse,
  dir = MIGRATIONS_DIR,
): Promise<number[]> {
  const db = warehouse.database;
  await warehouse.command(`CREATE TABLE IF NOT EXISTS ${db}.schema_migrations
    (version UInt32, name String, applied_at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY version`);
  const done = new Set(
    (await warehouse.query<{ version: number }>(`SELECT version FROM ${db}.schema_migrations`)).map(
      (r) => Number(r.version),
    ),
  );
  const applied: number[] = [];
  for (const migration of loadMigrations(db, dir)) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.statements) await warehouse.command(statement);
    await warehouse.insert(`${db}.schema_migrations`, [
      { version: migration.version, name: migration.name },
    ]);
    applied.push(migration.version);
  }
  return applied;
}
