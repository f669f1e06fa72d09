import { describe, expect, it } from 'vitest';
import { DirLockedError } from '@touchline/dir-lock';
import { tempDir } from '@touchline/testing';
import { eventStoreContract } from './contract/eventStoreContract.ts';
import { openEventStore } from './openEventStore.ts';

describe('event store on PGlite (data dir on disk)', () => {
  const dir = tempDir('tl-pglite-');
  eventStoreContract(async () => {
    const opened = await openEventStore({ kind: 'pglite', dataDir: `${dir.path}/store` });
    return {
      store: opened.store,
      dispose: async () => {
        await opened.store.close();
        dir.remove();
      },
    };
  });
});

describe('PGlite data directory lock', () => {
  it('refuses a second opener of the same directory, loudly, and frees it on close', async () => {
    const dir = tempDir('tl-pglite-lock-');
    const first = await openEventStore({ kind: 'pglite', dataDir: `${dir.path}/store` });
    await expect(
      openEventStore({ kind: 'pglite', dataDir: `${dir.path}/store` }),
    ).rejects.toBeInstanceOf(DirLockedError);
    await first.store.close();
    const second = await openEventStore({ kind: 'pglite', dataDir: `${dir.path}/store` });
    await second.store.close();
    dir.remove();
  });
});
