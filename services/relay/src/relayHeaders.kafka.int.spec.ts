import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaMessage } from 'kafkajs';
import { openEventStore, type OpenedEventStore } from '@touchline/event-store';
import { ensureTopic, kafkaClient, kafkaPublisher, type StreamPublisher } from '@touchline/streams';
import { createTestDatabase, kafkaBrokers, postgresServer, uniqueTopic } from '@touchline/testing';
import { createRelay, type Relay } from './relay.ts';

const brokers = await kafkaBrokers();
const postgres = await postgresServer();

// What a data engineer's consumer sees on the wire: the key, the JSON value and the CloudEvents
// and store-position headers, decoded by a plain kafkajs consumer (our producer's encoding of
// headers is patched for speed, so this checks the bytes, not our own decoder).
describe.runIf(brokers.available && postgres.available)('relayed message on the wire', () => {
  let store: OpenedEventStore;
  let drop: () => Promise<void>;
  let publisher: StreamPublisher;
  let relay: Relay;
  const kafka = kafkaClient({ brokers: brokers.available ? brokers.value : [] });
  const topic = uniqueTopic('wire');

  beforeAll(async () => {
    const database = await createTestDatabase(postgres.available ? postgres.value : '');
    drop = () => database.drop();
    store = await openEventStore({ kind: 'postgres', connectionString: database.url });
    await ensureTopic(kafka, topic, 2);
    publisher = await kafkaPublisher(kafka);
    relay = createRelay({
      store: store.store,
      sql: store.sql,
      publisher,
      topic,
      source: 'wire-test',
    });
    await relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    await publisher?.close();
    await store?.store.close();
    await drop?.();
  });

  it('carries the customer key, the event as JSON, CloudEvents attributes and the position', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const streamId = 'customer-wire-c-1';
    await store.store.append(streamId, [
      { id: ids[0]!, type: 'page.viewed', data: { path: '/' } },
      { id: ids[1]!, type: 'order.placed', data: { orderId: 'o-1', note: 'é✓ unicode' } },
      { id: ids[2]!, type: 'custom.x', data: {} },
    ]);
    const consumer = kafka.consumer({ groupId: `wire-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: KafkaMessage[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no messages within 20 s')), 20_000);
      void consumer.run({
        eachMessage: ({ message }) => {
          received.push(message);
          if (received.length === 3) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
    await consumer.disconnect();

    const text = (value: Buffer | string | (Buffer | string)[] | undefined) =>
      Buffer.isBuffer(value) ? value.toString() : String(value);
    expect(received.map((m) => m.key?.toString())).toEqual([streamId, streamId, streamId]);
    expect(received.map((m) => text(m.headers?.ce_id))).toEqual(ids);
    const [first, second] = received;
    expect(Object.keys(first!.headers!).sort()).toEqual([
      'ce_id',
      'ce_source',
      'ce_specversion',
      'ce_time',
      'ce_type',
      'content-type',
      'tl_checkpoint',
      'tl_position',
      'tl_stream',
    ]);
    expect(text(second!.headers!.ce_type)).toBe('order.placed');
    expect(text(second!.headers!.ce_source)).toBe('wire-test');
    expect(text(second!.headers!.ce_specversion)).toBe('1.0');
    const value = JSON.parse(second!.value!.toString()) as Record<string, unknown>;
    expect(value).toMatchObject({
      id: ids[1],
      type: 'order.placed',
      streamId,
      data: { note: 'é✓ unicode' },
    });
    expect(text(second!.headers!.tl_position)).toBe(value.globalPosition);
    expect(text(second!.headers!.tl_checkpoint)).toBe(value.checkpoint);
  });
});
