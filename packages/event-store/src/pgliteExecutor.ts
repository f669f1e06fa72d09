import { PGlite } from '@electric-sql/pglite';
import { acquireDirLock } from '@touchline/dir-lock';
import type { SqlExecutor } from './sqlExecutor.ts';

/**
 * PGlite (PostgreSQL compiled to WASM) on a data directory. PGlite calls no fsync: data survives a
 * process crash, not a power loss. It also takes no lock of its own, so we take one.
 * `dataDir` undefined gives an in-memory database (tests only).
 */
export async function openPgliteExecutor(dataDir?: string): Promise<SqlExecutor> {
  const lock = dataDir ? acquireDirLock(dataDir, `Event store directory ${dataDir}`) : undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    kind: 'pglite',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    transaction(work) {
      return db.transaction((tx) =>
        work({
          async query<Row>(sql: string, params: readonly unknown[] = []) {
            return (await tx.query<Row>(sql, params as unknown[])).rows;
          },
        }),
      );
    },
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
