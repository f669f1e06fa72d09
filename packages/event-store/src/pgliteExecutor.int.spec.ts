import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteExecutor } from './pgliteExecutor.ts';
import type { SqlExecutor } from './sqlExecutor.ts';

describe('PGlite on its own thread (openPgliteExecutor)', () => {
  let db: SqlExecutor;
  beforeAll(async () => {
    db = await openPgliteExecutor();
    await db.query('CREATE TABLE t (k int PRIMARY KEY, v text)');
  });
  afterAll(() => db.close());

  it('runs statements with parameters and returns typed rows', async () => {
    await db.query('INSERT INTO t VALUES ($1, $2)', [1, 'one']);
    const rows = await db.query<{ k: number; v: string; at: unknown }>(
      'SELECT k, v, now() AS at FROM t WHERE k = $1',
      [1],
    );
    expect(rows.map(({ k, v }) => ({ k, v }))).toEqual([{ k: 1, v: 'one' }]);
    expect(rows[0]!.at).toBeInstanceOf(Date);
  });

  it('commits a transaction’s statements together, and rolls all back when the work throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (2, $1)', ['two']);
      await tx.query('INSERT INTO t VALUES (3, $1)', ['three']);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (4, $1)', ['four']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.query('SELECT k FROM t ORDER BY k')).toEqual([{ k: 1 }, { k: 2 }, { k: 3 }]);
  });

  it('passes PostgreSQL errors across with their code, and the transaction is rolled back', async () => {
    const error = await db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (5, $1)', ['five']);
        await tx.query('INSERT INTO t VALUES (1, $1)', ['again']);
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505' });
    expect((error as Error).message).toMatch(/duplicate key/);
    expect(await db.query('SELECT count(*)::int AS n FROM t WHERE k = 5')).toEqual([{ n: 0 }]);
  });

  it('keeps concurrent transactions apart: one commits, the other rolls back', async () => {
    const slow = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (10, $1)', ['ten']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('roll back ten');
    });
    const fast = db.transaction((tx) => tx.query('INSERT INTO t VALUES (11, $1)', ['eleven']));
    await expect(slow).rejects.toThrow('roll back ten');
    await fast;
    expect(await db.query('SELECT k FROM t WHERE k >= 10 ORDER BY k')).toEqual([{ k: 11 }]);
  });

  it('refuses work after close with a clear error', async () => {
    const other = await openPgliteExecutor();
    await other.close();
    await expect(other.query('SELECT 1')).rejects.toThrow('The event store is closed');
  });
});

describe('PGlite thread failure', () => {
  it('fails pending and later calls with a clear error, and calls onFailure once', async () => {
    const failures: Error[] = [];
    const db = await openPgliteExecutor(undefined, {
      workerUrl: new URL('./pgliteThreadThatDies.ts', import.meta.url),
      onFailure: (error) => failures.push(error),
    });
    await expect(db.query('SELECT 1')).rejects.toThrow('The PGlite thread exited (code 7)');
    await expect(db.query('SELECT 1')).rejects.toThrow('The PGlite thread exited (code 7)');
    expect(failures.map((error) => error.message)).toEqual(['The PGlite thread exited (code 7)']);
    await db.close();
    expect(failures).toHaveLength(1);
  });
});
