import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getPostgresEventStore,
  openEventStore,
  type OpenedEventStore,
  type SqlExecutor,
} from '@touchline/event-store';
import {
  ensureTopic,
  kafkaClient,
  kafkaPublisher,
  kafkaSource,
  type SourcedEvent,
  type StreamPublisher,
} from '@touchline/streams';
import {
  createTestDatabase,
  kafkaBrokers,
  postgresServer,
  uniqueTopic,
  type TestPostgres,
} from '@touchline/testing';
import { createRelay, type Relay } from './relay.ts';
import { getLease, LeaseLostError } from './relayLease.ts';
import { migrateRelay } from './relaySchema.ts';

const brokers = await kafkaBrokers();
const postgres = await postgresServer();

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** The relay's view of the database, cut off at once by `sever()`: a crashed process, as the database sees it. */
function severable(sql: SqlExecutor): { sql: SqlExecutor; sever(): void } {
  let severed = false;
  const check = () => {
    if (severed) throw new Error('connection severed (test)');
  };
  return {
    sql: {
      kind: sql.kind,
      query: (text, params) =>
        Promise.resolve()
          .then(check)
          .then(() => sql.query(text, params)),
      transaction: (work) =>
        Promise.resolve()
          .then(check)
          .then(() => sql.transaction(work)),
      close: () => Promise.resolve(),
    },
    sever: () => {
      severed = true;
    },
  };
}

/** Appends one event to each stream per round, and remembers each stream's ids in store order. */
function journeys(opened: OpenedEventStore, customers: number) {
  const streams = Array.from({ length: customers }, () => `customer-lease-${randomUUID()}`);
  const ids = new Map<string, string[]>(streams.map((s) => [s, []]));
  return {
    ids,
    all: () => [...ids.values()].flat(),
    async round() {
      const requests = streams.map((streamId) => ({
        streamId,
        events: [{ id: randomUUID(), type: 'test.step', data: { n: ids.get(streamId)!.length } }],
      }));
      const results = await opened.store.appendMany(requests);
      expect(results.every((r) => !(r instanceof Error))).toBe(true);
      for (const r of requests) ids.get(r.streamId)!.push(r.events[0]!.id);
    },
  };
}

/** Reads the topic with a fresh consumer group until every expected id arrived. */
async function readTopic(
  kafka: ReturnType<typeof kafkaClient>,
  topic: string,
  expected: readonly string[],
): Promise<SourcedEvent[]> {
  const got: SourcedEvent[] = [];
  const seen = new Set<string>();
  const source = kafkaSource({ kafka, topic, groupId: `lease-check-${randomUUID()}` });
  await source.start(async (batch) => {
    got.push(...batch);
    for (const e of batch) seen.add(e.id);
    await Promise.resolve();
  });
  try {
    await until('the topic to hold every event', () => expected.every((id) => seen.has(id)));
  } finally {
    await source.stop();
  }
  return got;
}

/** Every appended event is on the topic and, first occurrences taken, each customer's in store order. */
function expectCompleteAndOrdered(got: readonly SourcedEvent[], ids: Map<string, string[]>) {
  for (const [stream, want] of ids) {
    const firsts: string[] = [];
    for (const e of got) if (e.streamId === stream && !firsts.includes(e.id)) firsts.push(e.id);
    expect(firsts).toEqual(want);
  }
}

interface Engine {
  readonly name: string;
  readonly available: boolean;
  open(): Promise<{ opened: OpenedEventStore; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'PGlite',
    available: true,
    async open() {
      const opened = await openEventStore({ kind: 'pglite' });
      return { opened, dispose: () => opened.store.close() };
    },
  },
  {
    name: 'PostgreSQL',
    available: postgres.available,
    async open() {
      const database: TestPostgres = await createTestDatabase(
        postgres.available ? postgres.value : '',
      );
      const opened = await openEventStore({ kind: 'postgres', connectionString: database.url });
      return {
        opened,
        dispose: async () => {
          await opened.store.close();
          await database.drop();
        },
      };
    },
  },
];

for (const engine of engines) {
  describe.runIf(brokers.available && engine.available)(`relay lease on ${engine.name}`, () => {
    const kafka = kafkaClient({ brokers: brokers.available ? brokers.value : [] });
    let opened: OpenedEventStore;
    let dispose: () => Promise<void>;
    const cleanup: (() => Promise<unknown>)[] = [];

    beforeAll(async () => {
      const fixture = await engine.open();
      opened = fixture.opened;
      dispose = () => fixture.dispose();
      await migrateRelay(opened.sql);
    });
    afterAll(async () => {
      for (const close of cleanup.reverse()) await close().catch(() => undefined);
      await dispose?.();
    });

    const publisher = async (): Promise<StreamPublisher> => {
      const p = await kafkaPublisher(kafka);
      cleanup.push(() => p.close());
      return p;
    };
    const relayOn = (
      topic: string,
      pub: StreamPublisher,
      published: Map<string, number>,
      extra: { leaseTtlMs?: number; owner: string },
    ): Relay => {
      const relay = createRelay({
        store: opened.store,
        sql: opened.sql,
        publisher: pub,
        topic,
        source: 'test',
        owner: extra.owner,
        leaseTtlMs: extra.leaseTtlMs ?? 1_500,
        onPublished: (count) =>
          published.set(extra.owner, (published.get(extra.owner) ?? 0) + count),
      });
      cleanup.push(() => relay.stop());
      return relay;
    };

    it('the lease: one holder at a time; an expired lease is taken over and fences the old holder out', async () => {
      const name = `lease-${randomUUID()}`;
      const a = getLease(opened.sql, name, 'a', 300);
      const b = getLease(opened.sql, name, 'b', 300);
      expect(await a.tryAcquire()).toBe(true);
      expect(await b.tryAcquire()).toBe(false);
      expect(await a.tryAcquire()).toBe(true); // renewal
      expect(await a.whileHeld(() => Promise.resolve('saved'))).toBe('saved');
      await expect(b.whileHeld(() => Promise.resolve('saved'))).rejects.toBeInstanceOf(
        LeaseLostError,
      );

      await new Promise((resolve) => setTimeout(resolve, 400)); // a stops renewing: it expires
      expect(await b.tryAcquire()).toBe(true);
      await expect(a.whileHeld(() => Promise.resolve('late'))).rejects.toBeInstanceOf(
        LeaseLostError,
      );
      expect(await a.tryAcquire()).toBe(false);
      await b.release();
      expect(await a.tryAcquire()).toBe(true);
    });

    it('two relays on one store: only the active one publishes; a stop hands over at once; lag is measured', async () => {
      const topic = uniqueTopic('lease');
      await ensureTopic(kafka, topic, 3);
      const published = new Map<string, number>();
      const work = journeys(opened, 20);
      for (let i = 0; i < 10; i++) await work.round();

      const a = relayOn(topic, await publisher(), published, { owner: 'relay-a' });
      const before = await a.lag();
      expect(before.eventsBehind).toBe(200);
      expect(before.checkpoint).toBeUndefined();
      expect(before.oldestUnrelayedAgeSeconds).toBeGreaterThanOrEqual(0);

      await a.start();
      await until('relay a to be active', () => a.status().active);
      const b = relayOn(topic, await publisher(), published, { owner: 'relay-b' });
      await b.start();
      for (let i = 0; i < 15; i++) await work.round();
      await until('relay a to catch up', async () => (await a.lag()).eventsBehind === 0);
      expect(published.get('relay-a')).toBe(500);
      expect(published.get('relay-b')).toBeUndefined();
      expect(b.status().active).toBe(false);
      expect(await b.lag()).toMatchObject({ eventsBehind: 0, oldestUnrelayedAgeSeconds: 0 });

      const stopped = performance.now();
      await a.stop();
      await until('relay b to take over', () => b.status().active, 5_000);
      const handover = performance.now() - stopped;
      expect(handover).toBeLessThan(1_000); // released: no wait for expiry (standby polls every 500 ms)
      for (let i = 0; i < 5; i++) await work.round();
      await until('relay b to catch up', async () => (await b.lag()).eventsBehind === 0);
      expect(published.get('relay-b')).toBeGreaterThanOrEqual(100);
      expect(published.get('relay-a')).toBe(500);

      expectCompleteAndOrdered(await readTopic(kafka, topic, work.all()), work.ids);
    });

    it('a checkpoint save that fails: the relay starts over from the saved checkpoint, and nothing is lost', async () => {
      const topic = uniqueTopic('lease-save');
      await ensureTopic(kafka, topic, 3);
      const work = journeys(opened, 30);
      for (let round = 0; round < 20; round++) await work.round();
      // The log holds earlier tests' events too: the relay starts from its beginning.
      const [row] = await opened.sql.query<{ total: number }>(
        'SELECT count(*)::int AS total FROM tl_events',
      );
      const total = row!.total;
      // The database refuses the relay's third checkpoint save, once, inside its transaction.
      let saves = 0;
      const sql: SqlExecutor = {
        ...opened.sql,
        query: (text, params) => opened.sql.query(text, params),
        transaction: (run) =>
          opened.sql.transaction((tx) =>
            run({
              query: (text, params) => {
                if (/INSERT INTO tl_checkpoints/i.test(text) && ++saves === 3)
                  throw new Error('checkpoint save refused (test)');
                return tx.query(text, params);
              },
            }),
          ),
      };
      const errors: unknown[] = [];
      let counted = 0;
      const relay = createRelay({
        store: opened.store,
        sql,
        publisher: await publisher(),
        topic,
        source: 'test',
        owner: 'relay-save',
        batchSize: 50,
        onPublished: (count) => (counted += count),
        onError: (error) => errors.push(error),
      });
      cleanup.push(() => relay.stop());
      await relay.start();
      await until('the relay to catch up', async () => (await relay.lag()).eventsBehind === 0);
      await relay.stop();

      expect(saves).toBeGreaterThan(3);
      expect(errors.map((e) => (e as Error).message)).toEqual(['checkpoint save refused (test)']);
      expect(counted).toBe(total); // a batch counts once its checkpoint is saved
      const got = await readTopic(kafka, topic, work.all());
      expectCompleteAndOrdered(got, work.ids);
      // The batch whose save failed went out again.
      expect(new Set(got.map((e) => e.id)).size).toBe(total);
      expect(got.length).toBeGreaterThanOrEqual(total + 50);
    });

    it('the active relay dies mid-stream: the standby takes over within the ttl; the topic holds every event, each customer’s in order', async () => {
      const topic = uniqueTopic('lease-crash');
      await ensureTopic(kafka, topic, 3);
      const published = new Map<string, number>();
      const work = journeys(opened, 30);
      const ttl = 1_500;

      // Relay a reaches the database only through a line the test can cut, like a killed process.
      const line = severable(opened.sql);
      const storeA = await getPostgresEventStore(line.sql, { migrate: false });
      const pubA = await publisher();
      const a = createRelay({
        store: storeA,
        sql: line.sql,
        publisher: pubA,
        topic,
        source: 'test',
        owner: 'relay-a',
        leaseTtlMs: ttl,
        batchSize: 50,
        onPublished: (count) => published.set('relay-a', (published.get('relay-a') ?? 0) + count),
      });
      cleanup.push(() => a.stop());
      await a.start();
      await until('relay a to be active', () => a.status().active);
      const b = relayOn(topic, await publisher(), published, { owner: 'relay-b', leaseTtlMs: ttl });
      await b.start();

      let appending = true;
      const appender = (async () => {
        while (appending) {
          await work.round();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      await until('relay a to publish', () => (published.get('relay-a') ?? 0) >= 300);
      line.sever();
      await pubA.close();
      const died = performance.now();
      await until('relay b to take over', () => b.status().active, 10_000);
      const takeover = performance.now() - died;
      expect(takeover).toBeLessThan(ttl + ttl / 3 + 300); // expiry + one standby poll
      await until('relay b to publish', () => (published.get('relay-b') ?? 0) >= 300);
      appending = false;
      await appender;
      await until('relay b to catch up', async () => (await b.lag()).eventsBehind === 0);
      await a.stop();
      expect(a.status().active).toBe(false);

      const got = await readTopic(kafka, topic, work.all());
      expectCompleteAndOrdered(got, work.ids);
      console.info(
        `[relay lease ${engine.name}] takeover after ${Math.round(takeover)} ms; ` +
          `${work.all().length} appended, ${new Set(got.map((e) => e.id)).size} distinct of ${got.length} read`,
      );
    });
  });
}
