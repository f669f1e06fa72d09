import { describe } from 'vitest';
import { createTestDatabase, postgresServer } from '@touchline/testing';
import { eventStoreContract } from './contract/eventStoreContract.ts';
import { openEventStore } from './openEventStore.ts';

const server = await postgresServer();

describe.runIf(server.available)('event store on PostgreSQL', () => {
  eventStoreContract(async () => {
    const database = await createTestDatabase(server.available ? server.value : '');
    const opened = await openEventStore({ kind: 'postgres', connectionString: database.url });
    return {
      store: opened.store,
      dispose: async () => {
        await opened.store.close();
        await database.drop();
      },
    };
  });
});
