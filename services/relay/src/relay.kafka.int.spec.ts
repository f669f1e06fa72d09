import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { openEventStore } from '@touchline/event-store';
import { ensureTopic, kafkaClient, kafkaPublisher, kafkaSource } from '@touchline/streams';
import { eventSourceContract } from '@touchline/streams/contract';
import { createTestDatabase, kafkaBrokers, postgresServer, uniqueTopic } from '@touchline/testing';
import { createRelay } from './relay.ts';

const brokers = await kafkaBrokers();
const postgres = await postgresServer();

// PostgreSQL store → relay → Kafka topic → consumer group: the distributed path, held to the
// same EventSource contract as the embedded store-log source.
describe.runIf(brokers.available && postgres.available)(
  'relay + Kafka source on PostgreSQL',
  () => {
    eventSourceContract(async () => {
      const database = await createTestDatabase(postgres.available ? postgres.value : '');
      const opened = await openEventStore({ kind: 'postgres', connectionString: database.url });
      const kafka = kafkaClient({ brokers: brokers.available ? brokers.value : [] });
      const topic = uniqueTopic('contract');
      await ensureTopic(kafka, topic, 3);
      const publisher = await kafkaPublisher(kafka);
      const relay = createRelay({
        store: opened.store,
        sql: opened.sql,
        publisher,
        topic,
        source: 'test',
      });
      await relay.start();
      const groupId = `contract-${randomUUID()}`;
      return {
        store: opened.store,
        source: () => kafkaSource({ kafka, topic, groupId }),
        dispose: async () => {
          await relay.stop();
          await publisher.close();
          await opened.store.close();
          await database.drop();
        },
      };
    });
  },
);
