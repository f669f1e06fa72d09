import { randomUUID } from 'node:crypto';
import { openEventStore, START, type OpenedEventStore } from '@touchline/event-store';
import { createRelay, type Relay } from '@touchline/relay';
import {
  ensureTopic,
  fromStoredEvent,
  kafkaClient,
  kafkaPublisher,
  keyPartitioner,
  toEventMessage,
  type OutboundMessage,
} from '@touchline/streams';
import { timed, type BenchRow } from './table.ts';

const CUSTOMERS = 5_000;
const BATCH = 1_000;

const touchpoint = (i: number) => ({
  id: randomUUID(),
  type: 'page.viewed',
  data: {
    channel: 'web',
    path: `/products/${i % 500}`,
    referrer: 'https://example.com/search?q=shoes',
    durationMs: i % 9000,
  },
  metadata: { projectId: 'bench', correlationId: randomUUID() },
});

/** Appends `count` events spread over CUSTOMERS streams, BATCH per transaction. */
async function appendEvents(opened: OpenedEventStore, count: number, offset = 0): Promise<void> {
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    const byStream = new Map<string, ReturnType<typeof touchpoint>[]>();
    for (let i = 0; i < n; i++) {
      const k = offset + done + i;
      const stream = `customer-bench-relay-${k % CUSTOMERS}`;
      byStream.set(stream, [...(byStream.get(stream) ?? []), touchpoint(k)]);
    }
    const results = await opened.store.appendMany(
      [...byStream].map(([streamId, events]) => ({ streamId, events })),
    );
    const failed = results.find((r) => r instanceof Error);
    if (failed) throw failed;
  }
}

const until = async (check: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('relay bench: timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/**
 * Relay throughput (PostgreSQL store → Kafka, broker acks before each checkpoint) against a raw
 * kafkajs producer sending the same messages with the same delivery settings; then the lag while
 * events are appended at a steady rate.
 */
export async function relayBench(
  databaseUrl: string,
  brokers: readonly string[],
  scale: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const total = Math.round(200_000 * scale);
  const opened = await openEventStore({
    kind: 'postgres',
    connectionString: databaseUrl,
    maxConnections: 16,
  });
  const kafka = kafkaClient({ brokers, clientId: 'touchline-bench' });
  const publisher = await kafkaPublisher(kafka);
  const relays: Relay[] = [];
  const startRelay = async (topic: string, onPublished: (count: number) => void) => {
    const relay = createRelay({
      store: opened.store,
      sql: opened.sql,
      publisher,
      topic,
      source: 'bench',
      onPublished,
      onError: (error) => console.error('[bench] relay error', error),
    });
    relays.push(relay);
    await relay.start();
    return relay;
  };
  try {
    console.error(`[bench] relay: appending ${total} events …`);
    await appendEvents(opened, total);

    // The relay, from the start of the log to its end.
    const topic = `bench.relay.${randomUUID().slice(0, 8)}`;
    await ensureTopic(kafka, topic, 6);
    let published = 0;
    let relay: Relay | undefined;
    const seconds = await timed(async () => {
      relay = await startRelay(topic, (count) => (published += count));
      await until(() => published >= total, 600_000);
    });
    await relay?.stop();

    // The same messages, built beforehand, sent by the publisher alone (no store, no checkpoint).
    const messages: OutboundMessage[] = [];
    for (let after = START; ;) {
      const page = await opened.store.readAll({ after, limit: 10_000 });
      if (page.events.length === 0) break;
      for (const event of page.events)
        messages.push(toEventMessage(fromStoredEvent(event), 'bench'));
      after = page.checkpoint;
    }
    const rawTopic = `bench.raw.${randomUUID().slice(0, 8)}`;
    await ensureTopic(kafka, rawTopic, 6);
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: keyPartitioner,
    });
    await producer.connect();
    const rawSeconds = await timed(async () => {
      for (let i = 0; i < messages.length; i += BATCH)
        await producer.send({ topic: rawTopic, acks: -1, messages: messages.slice(i, i + BATCH) });
    });
    await producer.disconnect();
    rows.push({
      suite: 'relay',
      engine: 'PostgreSQL → Kafka',
      case: `relay ${total} pre-appended events`,
      events: total,
      seconds,
      rawSeconds,
      note: `raw: kafkajs producer, same messages and acks, ${BATCH}/send`,
    });

    // Lag while appending at a steady rate: one batch of `rate / 10` events every 100 ms (or as
    // fast as the store takes them: the events/s column is the rate reached).
    const rate = 10_000;
    const durationS = Math.max(3, Math.round(15 * scale));
    const lagTopic = `bench.lag.${randomUUID().slice(0, 8)}`;
    await ensureTopic(kafka, lagTopic, 6);
    const lagRelay = await startRelay(lagTopic, () => undefined);
    await until(async () => (await lagRelay.lag()).eventsBehind === 0, 600_000);
    let appending = true;
    let appended = 0;
    const samples: { behind: number; age: number }[] = [];
    const sampler = (async () => {
      while (appending) {
        const lag = await lagRelay.lag();
        samples.push({ behind: lag.eventsBehind, age: lag.oldestUnrelayedAgeSeconds });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const appendSeconds = await timed(async () => {
      const started = performance.now();
      for (let tick = 0; tick < durationS * 10; tick++) {
        await appendEvents(opened, rate / 10, total + appended);
        appended += rate / 10;
        const wait = started + (tick + 1) * 100 - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    });
    appending = false;
    await sampler;
    await until(async () => (await lagRelay.lag()).eventsBehind === 0, 600_000);
    const sorted = [...samples].sort((a, b) => a.behind - b.behind);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? { behind: 0, age: 0 };
    const maxAge = Math.max(0, ...samples.map((s) => s.age));
    rows.push({
      suite: 'relay',
      engine: 'PostgreSQL → Kafka',
      case: `lag while appending (aiming at ${rate}/s)`,
      events: appended,
      seconds: appendSeconds,
      note: `lag p95 ${p95.behind} events, max ${Math.max(0, ...samples.map((s) => s.behind))}; oldest unrelayed max ${maxAge.toFixed(2)} s`,
    });
  } finally {
    for (const relay of relays) await relay.stop();
    await publisher.close();
    await opened.store.close();
  }
  return rows;
}
