import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteExecutor, openPostgresExecutor, type SqlExecutor } from '@touchline/event-store';
import { createTestDatabase, postgresServer, type TestPostgres } from '@touchline/testing';
import { getAccessStore, type AccessStore } from './accessStore.ts';
import { bootstrapAccess } from './bootstrapAccess.ts';

const server = await postgresServer();

function accessContract(open: () => Promise<{ db: SqlExecutor; dispose(): Promise<void> }>) {
  let db: SqlExecutor;
  let dispose: () => Promise<void>;
  let access: AccessStore;
  beforeAll(async () => {
    const fixture = await open();
    db = fixture.db;
    dispose = () => fixture.dispose();
    access = await getAccessStore(db, { cacheMs: 0 });
  });
  afterAll(async () => dispose?.());

  it('bootstraps one project with a key of each kind, once', async () => {
    const keys = await bootstrapAccess(access, 'default');
    expect(keys?.map((k) => k.kind)).toEqual(['write', 'read', 'admin']);
    expect(await bootstrapAccess(access, 'default')).toBeUndefined();
  });

  it('stores only hashes and verifies a key to its project and kind', async () => {
    await access.createProject('shop');
    const key = await access.issueKey('shop', 'write', { label: 'web' });
    expect(key.token).toMatch(/^tl_w_[0-9a-f]{12}_/);
    const stored = await db.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM tl_api_keys WHERE key_id = $1',
      [key.keyId],
    );
    expect(stored[0]?.secret_hash).not.toContain(key.token.split('_').at(-1));
    expect(await access.verify(key.token)).toMatchObject({
      projectId: 'shop',
      kind: 'write',
      keyId: key.keyId,
    });
    expect(
      await access.verify(key.token.slice(0, -1) + (key.token.endsWith('A') ? 'B' : 'A')),
    ).toBeUndefined();
    expect(await access.verify('tl_w_000000000000_' + 'x'.repeat(43))).toBeUndefined();
    expect(await access.verify('not a key')).toBeUndefined();
  });

  it('rotation issues a new key and lets the old one live only for the grace period', async () => {
    await access.createProject('rotating');
    const old = await access.issueKey('rotating', 'read');
    const fresh = await access.rotateKey('rotating', old.keyId, 0);
    expect(fresh?.kind).toBe('read');
    expect(await access.verify(fresh!.token)).toMatchObject({ projectId: 'rotating' });
    expect(await access.verify(old.token)).toBeUndefined();
    const graceful = await access.rotateKey('rotating', fresh!.keyId, 3600);
    expect(await access.verify(fresh!.token)).toBeDefined();
    expect(await access.verify(graceful!.token)).toBeDefined();
  });

  it('a revoked key stops working; another project cannot revoke it', async () => {
    await access.createProject('revoking');
    const key = await access.issueKey('revoking', 'write');
    expect(await access.revokeKey('shop', key.keyId)).toBe(false);
    expect(await access.verify(key.token)).toBeDefined();
    expect(await access.revokeKey('revoking', key.keyId)).toBe(true);
    expect(await access.verify(key.token)).toBeUndefined();
  });
}

describe('access store on PGlite', () => {
  accessContract(async () => {
    const db = await openPgliteExecutor();
    return { db, dispose: () => db.close() };
  });
});

describe.runIf(server.available)('access store on PostgreSQL', () => {
  let database: TestPostgres;
  accessContract(async () => {
    database = await createTestDatabase(server.available ? server.value : '');
    const db = await openPostgresExecutor({ connectionString: database.url });
    return {
      db,
      dispose: async () => {
        await db.close();
        await database.drop();
      },
    };
  });
});
