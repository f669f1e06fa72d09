import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServer, type TestPostgres } from '@touchline/testing';
import { eventStoreContract } from './contract/eventStoreContract.ts';
import { openEventStore, type OpenedEventStore } from './openEventStore.ts';

const server = await postgresServer();
const serverUrl = server.available ? server.value : '';

describe.runIf(server.available)('event store on PostgreSQL', () => {
  eventStoreContract(async () => {
    const database = await createTestDatabase(serverUrl);
    const opened = await openEventStore({ kind: 'postgres', connectionString: database.url });
    return {
      store: opened.store,
      dispose: async () => {
        await opened.store.close();
        await database.drop();
      },
    };
  });

  describe('two store processes on one database', () => {
    let database: TestPostgres;
    let a: OpenedEventStore;
    let b: OpenedEventStore;
    beforeAll(async () => {
      database = await createTestDatabase(serverUrl);
      a = await openEventStore({ kind: 'postgres', connectionString: database.url });
      b = await openEventStore({ kind: 'postgres', connectionString: database.url });
    });
    afterAll(async () => {
      await a?.store.close();
      await b?.store.close();
      await database?.drop();
    });

    it('an append in one process wakes the other process’s listeners (LISTEN/NOTIFY)', async () => {
      let woken = 0;
      const stop = b.store.onAppended(() => (woken += 1));
      await new Promise((resolve) => setTimeout(resolve, 300)); // LISTEN is set up
      const before = woken;
      const started = performance.now();
      await a.store.append(`customer-wake-${randomUUID()}`, [
        { id: randomUUID(), type: 'page.viewed', data: {} },
      ]);
      while (woken === before && performance.now() - started < 5_000)
        await new Promise((resolve) => setTimeout(resolve, 5));
      stop();
      expect(woken).toBeGreaterThan(before);
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    it('racing to create the same new streams, every append lands with consecutive versions', async () => {
      const streams = Array.from({ length: 8 }, () => `customer-race-${randomUUID()}`);
      const appends = streams.flatMap((stream) =>
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? a : b).store.append(stream, [
            { id: randomUUID(), type: 'race', data: { i } },
          ]),
        ),
      );
      await Promise.all(appends);
      for (const stream of streams) {
        const versions = (await a.store.readStream(stream)).map((e) => e.streamVersion);
        expect(versions).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      }
    });

    it('no_stream from both sides: exactly one creates the stream', async () => {
      const stream = `customer-race-${randomUUID()}`;
      const settled = await Promise.allSettled(
        [a, b, a, b].map((s) =>
          s.store.append(stream, [{ id: randomUUID(), type: 'race', data: {} }], {
            expectedVersion: 'no_stream',
          }),
        ),
      );
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
      expect(await a.store.readStream(stream)).toHaveLength(1);
    });
  });
});
