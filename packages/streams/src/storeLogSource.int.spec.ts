import { describe } from 'vitest';
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
