import { randomUUID } from 'node:crypto';
import { openEventStore, type EventStore, type OpenedEventStore } from '@touchline/event-store';
import type { TouchpointEvent } from '@touchline/journey';
import { DEFAULT_PROJECT_SETTINGS } from '@touchline/journey';
import { journeyProjections } from '@touchline/projector';
import { createRelay } from '@touchline/relay';
import {
  ensureTopic,
  kafkaClient,
  kafkaPublisher,
  kafkaSource,
  storeLogSource,
  type EventSource,
} from '@touchline/streams';
import { tempDir } from '@touchline/testing';
import {
  loadProjectionCheckpoint,
  migrateWarehouse,
  openWarehouse,
  saveProjectionCheckpoint,
  type Warehouse,
} from '@touchline/warehouse';
import { BENCH_PROJECT, benchTouchpoint } from './benchTouchpoints.ts';
import type { BenchRow } from './table.ts';

const RATE = 5_000; // events/s
const TICK_MS = 10;
const POLL_EVERY = 200; // one event in 200 is also watched by polling ClickHouse
const POLL_MS = 25;

interface Latencies {
  /** Append acknowledged → the projection's insert of its batch returned (every event). */
  readonly visible: number[];
  /** Append acknowledged → a poll of ClickHouse first returned the row (sampled events). */
  readonly polled: number[];
  /** Append acknowledged → the relay's publish of it acknowledged by Kafka (distributed only). */
  readonly relayed?: number[];
  readonly seconds: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

function summary(values: readonly number[], all = true): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p));
  return all
    ? `${at(50)} / ${at(95)} / ${at(99)} / ${Math.round(sorted.at(-1) ?? NaN)}`
    : `${at(50)} / ${at(99)}`;
}

/**
 * Appends `events` at a steady RATE, as concurrent single-event appends (what many ingest
 * requests look like to the store), while `source` projects into the timeline; returns each
 * event's latency from its append's acknowledgement to being visible in ClickHouse.
 *
 * Two clocks: for every event, the moment the projection's insert of its batch returned (a
 * ClickHouse INSERT is visible to the next SELECT once it returns); for one event in POLL_EVERY,
 * the first time a poll of `timeline_events` (every POLL_MS) returned it, as a reader sees it.
 */
async function measure(
  appendStore: EventStore,
  warehouse: Warehouse,
  source: EventSource,
  warmUp: TouchpointEvent,
  events: readonly TouchpointEvent[],
  published?: readonly (readonly [checkpoint: string, at: number])[],
): Promise<Latencies> {
  const ackedAt = new Map<string, number>();
  const visibleAt = new Map<string, number>();
  const polledAt = new Map<string, number>();
  const watched = new Map<string, string>(); // event id → customer key
  const checkpointOf = new Map<string, string>();
  // The projector's whole log pass, as the platform runs it: timeline, identity, and the queue of
  // touched customers for the state worker (which runs beside it and delays nothing here).
  const [timeline, ...rest] = journeyProjections({
    warehouse,
    settings: () => Promise.resolve(DEFAULT_PROJECT_SETTINGS),
  }).all;
  let remaining = events.length;
  let allVisible!: () => void;
  const done = new Promise<void>((resolve) => (allVisible = resolve));
  await source.start(async (batch) => {
    await timeline!.handle(batch);
    const now = performance.now();
    for (const event of batch) {
      if (visibleAt.has(event.id)) continue;
      visibleAt.set(event.id, now);
      checkpointOf.set(event.id, event.checkpoint);
      if (event.id !== warmUp.event.id && --remaining === 0) allVisible();
    }
    for (const projection of rest) await projection.handle(batch);
  });
  // One event through the whole path first (a consumer group takes seconds to get its partitions).
  await appendStore.append(warmUp.streamId, [warmUp.event]);
  while (!visibleAt.has(warmUp.event.id)) await new Promise((resolve) => setTimeout(resolve, 20));
  visibleAt.delete(warmUp.event.id);

  let polling = true;
  const poller = (async () => {
    while (polling) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const pending = [...watched].filter(([id]) => !polledAt.has(id));
      if (pending.length === 0) continue;
      const seen = await warehouse.query<{ id: string }>(
        `SELECT toString(event_id) AS id FROM ${warehouse.database}.timeline_events
         WHERE project_id = {project:String} AND customer_key IN {customers:Array(String)}
           AND event_id IN {ids:Array(UUID)}`,
        {
          project: BENCH_PROJECT,
          customers: pending.map(([, customer]) => customer),
          ids: pending.map(([id]) => id),
        },
      );
      const now = performance.now();
      for (const { id } of seen) if (!polledAt.has(id)) polledAt.set(id, now);
    }
  })();

  const started = performance.now();
  const appends: Promise<void>[] = [];
  let sent = 0;
  while (sent < events.length) {
    const due = Math.min(events.length, Math.floor(((performance.now() - started) / 1000) * RATE));
    for (; sent < due; sent++) {
      const { streamId, event } = events[sent]!;
      if (sent % POLL_EVERY === 0) watched.set(event.id, event.data.customerKey);
      appends.push(
        appendStore.append(streamId, [event]).then(() => {
          ackedAt.set(event.id, performance.now());
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(appends);
  const seconds = (performance.now() - started) / 1000;
  await Promise.race([
    done,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('not every event became visible within 60 s')), 60_000),
    ),
  ]);
  while ([...watched.keys()].some((id) => !polledAt.has(id)))
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  polling = false;
  await poller;
  await source.stop();

  // Visible before the appender saw its ack (same process, the ack's callback not yet run): 0.
  const latency = (at: Map<string, number>) =>
    [...at].map(([id, time]) => Math.max(0, time - ackedAt.get(id)!));
  // The relay's share: its batch that carried the event was acknowledged by Kafka (published in
  // log order, so the first publish whose checkpoint reaches the event's).
  const relayed = published
    ? [...visibleAt.keys()].map((id) => {
        const checkpoint = checkpointOf.get(id)!;
        let lo = 0;
        let hi = published.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (published[mid]![0] >= checkpoint) hi = mid;
          else lo = mid + 1;
        }
        return Math.max(0, published[lo]![1] - ackedAt.get(id)!);
      })
    : undefined;
  return {
    visible: latency(visibleAt),
    polled: latency(polledAt),
    seconds,
    ...(relayed ? { relayed } : {}),
  };
}

function row(engine: string, result: Latencies, setup: string): BenchRow {
  return {
    suite: 'freshness',
    engine,
    case: `append → timeline at ${RATE / 1000}k events/s`,
    events: result.visible.length,
    seconds: result.seconds,
    note: [
      `p50/p95/p99/max ${summary(result.visible)} ms`,
      `polled p50/p99 ${summary(result.polled, false)} ms`,
      ...(result.relayed ? [`relay p50/p99 ${summary(result.relayed, false)} ms`] : []),
      setup,
    ].join('; '),
  };
}

const skipped = (engine: string, why: string): BenchRow => ({
  suite: 'freshness',
  engine,
  case: `append → timeline at ${RATE / 1000}k events/s`,
  events: 0,
  seconds: 1,
  note: `skipped: ${why}`,
});

/** Prebuilt before the clock starts: building a touchpoint is ingest's work, not the pipeline's. */
const touchpoints = (count: number) =>
  Array.from({ length: count }, (_, i) => benchTouchpoint(i, Math.max(1, Math.round(count / 10))));

/**
 * Freshness at a steady 5k events/s: embedded (PGlite, the store-log projector, chdb, one
 * process, as `startPlatform` wires them), and distributed (PostgreSQL → relay → Kafka →
 * consumer-group projector → chdb) when a PostgreSQL and a Kafka are given.
 */
export async function freshnessBench(
  scale: number,
  databaseUrl: string | undefined,
  brokers: readonly string[] | undefined,
): Promise<BenchRow[]> {
  const count = Math.round(RATE * 10 * scale);
  const result: BenchRow[] = [];

  {
    const dir = tempDir('tl-bench-fresh-');
    const opened = await openEventStore({ kind: 'pglite', dataDir: `${dir.path}/store` });
    const warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
    try {
      await migrateWarehouse(warehouse);
      const source = storeLogSource({
        store: opened.store,
        position: {
          load: () => loadProjectionCheckpoint(warehouse, 'timeline'),
          save: (checkpoint) => saveProjectionCheckpoint(warehouse, 'timeline', checkpoint),
        },
        onError: (error) => console.error('[bench] projector batch failed', error),
      });
      console.error('[bench]   embedded: PGlite → store-log projector → chdb …');
      const [warmUp, ...events] = touchpoints(count + 1);
      const latencies = await measure(opened.store, warehouse, source, warmUp!, events);
      result.push(row('embedded', latencies, 'PGlite, store-log projector'));
    } finally {
      await warehouse.close();
      await opened.store.close();
      dir.remove();
    }
  }

  if (!databaseUrl || !brokers) {
    result.push(skipped('distributed', 'set DATABASE_URL and KAFKA_BROKERS'));
    return result;
  }
  const dir = tempDir('tl-bench-fresh-');
  // Ingest and relay are separate processes in distributed mode: separate store connections
  // here, so the relay is never woken by the appender and polls as it would in production.
  const stores: OpenedEventStore[] = [];
  const closers: (() => Promise<void>)[] = [];
  try {
    const ingest = await openEventStore({ kind: 'postgres', connectionString: databaseUrl });
    stores.push(ingest);
    const relayStore = await openEventStore({ kind: 'postgres', connectionString: databaseUrl });
    stores.push(relayStore);
    const warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
    closers.push(() => warehouse.close());
    await migrateWarehouse(warehouse);
    const kafka = kafkaClient({ brokers });
    const published: [string, number][] = [];
    const topic = `bench.freshness.${randomUUID()}`;
    await ensureTopic(kafka, topic, 6);
    const publisher = await kafkaPublisher(kafka);
    closers.push(() => publisher.close());
    const relay = createRelay({
      store: relayStore.store,
      sql: relayStore.sql,
      publisher,
      topic,
      source: 'bench',
      onError: (error) => console.error('[bench] relay batch failed', error),
      onPublished: (_count, checkpoint) => published.push([checkpoint, performance.now()]),
    });
    await relay.start();
    closers.push(() => relay.stop());
    const source = kafkaSource({
      kafka,
      topic,
      groupId: `bench-freshness-${randomUUID()}`,
      onError: (error) => console.error('[bench] projector batch failed', error),
    });
    console.error('[bench]   distributed: PostgreSQL → relay → Kafka → projector → chdb …');
    const [warmUp, ...events] = touchpoints(count + 1);
    const latencies = await measure(ingest.store, warehouse, source, warmUp!, events, published);
    result.push(row('distributed', latencies, 'PostgreSQL, relay, Kafka (6 partitions)'));
  } finally {
    for (const close of closers.reverse()) await close();
    for (const opened of stores) await opened.store.close();
    dir.remove();
  }
  return result;
}
