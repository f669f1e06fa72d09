import type { SqlExecutor } from './sqlExecutor.ts';

export interface SqlMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

const LOCK_KEY = 7_402_113; // advisory lock id: one migrator at a time per database
const TABLE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Applies pending migrations in order, each in its own transaction under an advisory lock, and
 * records them in `table`. Safe to run from several processes at once.
 */
export async function applySqlMigrations(
  db: SqlExecutor,
  table: string,
  migrations: readonly SqlMigration[],
): Promise<number[]> {
  if (!TABLE.test(table)) throw new TypeError(`Invalid migrations table name "${table}"`);
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${table} (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const rows = await tx.query(`SELECT 1 FROM ${table} WHERE version = $1`, [migration.version]);
      if (rows.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
