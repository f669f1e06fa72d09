import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openEventStore, type Checkpoint } from '@touchline/event-store';
import { eventSourceContract } from './contract/eventSourceContract.ts';
import { storeLogSource } from './storeLogSource.ts';

describe('store-log source on PGlite (embedded mode)', () => {
  eventSourceContract(async () => {
    const opened = await openEventStore({ kind: 'pglite' });
    return {
      store: opened.store,
      source: () =>
        storeLogSource({
          store: opened.store,
          batchSize: 7,
          idleMs: 50,
          position: {
            load: () => opened.checkpoints.load('contract'),
            save: (checkpoint) => opened.checkpoints.save('contract', checkpoint as Checkpoint),
          },
        }),
      dispose: () => opened.store.close(),
    };
  });
});

describe('store-log source while it reads ahead', () => {
  it('delivers an append made while a batch is handled without waiting for the idle poll', async () => {
    const opened = await openEventStore({ kind: 'pglite' });
    const seen: string[] = [];
    const source = storeLogSource({
      store: opened.store,
      idleMs: 60_000,
      position: {
        load: () => opened.checkpoints.load('ahead'),
        save: (checkpoint) => opened.checkpoints.save('ahead', checkpoint as Checkpoint),
      },
    });
    try {
      await source.start(async (batch) => {
        seen.push(...batch.map((e) => e.type));
        // The read-ahead of the next page has already found the log empty by now.
        if (seen.length === 1)
          await opened.store.append('s-2', [{ id: randomUUID(), type: 'second', data: {} }]);
      });
      await opened.store.append('s-1', [{ id: randomUUID(), type: 'first', data: {} }]);
      const deadline = Date.now() + 5_000;
      while (seen.length < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).toEqual(['first', 'second']);
    } finally {
      await source.stop();
      await opened.store.close();
    }
  });
});
