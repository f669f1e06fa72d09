import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getPostgresCheckpointStore,
  openEventStore,
  parseCheckpoint,
  START,
  type AppendManyRequest,
  type OpenedEventStore,
} from '@touchline/event-store';
import { kafkaClient } from '@touchline/streams';
import {
  createTestDatabase,
  kafkaBrokers,
  postgresServer,
  tempDir,
  uniqueTopic,
  type TestPostgres,
} from '@touchline/testing';
import { openWarehouse } from '@touchline/warehouse';
import {
  eventually,
  startPlatformProcess,
  type PlatformProcess,
} from './support/platformProcess.ts';

const postgres = await postgresServer();
const kafka = await kafkaBrokers();

const TOTAL = 100_000;
const BATCH = 500;
const CUSTOMERS = 2_000;
const KILLS_EACH = 3;
/** Appends are paced so that the kills (a few seconds apart, plus restarts) land while events flow. */
const RATE = 2_000;
const PROJECT = 'crash';

interface RelayHealth {
  relay?: { active: boolean; lag?: { eventsBehind: number; oldestUnrelayedAgeSeconds: number } };
}

const log = (message: string) => console.info(`[crash ${new Date().toISOString()}] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const between = (min: number, max: number) => min + Math.random() * (max - min);

/** A touchpoint as ingest stores it (the shape the timeline projection reads). */
const touchpoint = (customer: string, i: number) => ({
  id: randomUUID(),
  type: 'page.viewed',
  data: {
    specversion: '1.0',
    schemaVersion: 1,
    projectId: PROJECT,
    customerKey: customer,
    userId: customer,
    channel: 'web',
    data: { path: `/items/${i}` },
  },
  metadata: { receivedAt: new Date().toISOString(), source: 'crash-test' },
});

// The production split: the relay (PostgreSQL → Kafka) and the projector (Kafka → chdb) are
// separate processes; both are killed with SIGKILL at random moments while 100k events flow.
describe.runIf(postgres.available && kafka.available)(
  'relay and projector crash (kill -9) on PostgreSQL + Kafka + chdb',
  () => {
    let database: TestPostgres;
    let opened: OpenedEventStore;
    const projectorData = tempDir('tl-e2e-crash-projector-');
    const relayData = tempDir('tl-e2e-crash-relay-');
    const topic = uniqueTopic('e2e.crash');
    const groupId = `e2e-crash-${randomUUID()}`;
    const brokers = kafka.available ? kafka.value : [];
    let relayEnv: Record<string, string>;
    let projectorEnv: Record<string, string>;
    let relay: PlatformProcess | undefined;
    let projector: PlatformProcess | undefined;
    const outputs: string[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(postgres.available ? postgres.value : '');
      opened = await openEventStore({ kind: 'postgres', connectionString: database.url });
      const shared = {
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_TOPIC: topic,
        KAFKA_PARTITIONS: '6',
        KAFKA_GROUP_ID: groupId,
        TL_LOG_LEVEL: 'info',
      };
      relayEnv = {
        ...shared,
        TL_SERVICES: 'relay',
        DATABASE_URL: database.url,
        TL_DATA_DIR: relayData.path,
        TL_RELAY_LEASE_TTL_MS: '2000',
      };
      projectorEnv = {
        ...shared,
        TL_SERVICES: 'projector',
        TL_DATA_DIR: projectorData.path,
        KAFKA_SESSION_TIMEOUT_MS: '6000', // the broker's minimum: a killed member is dropped after 6 s
      };
    });

    afterAll(async () => {
      await relay?.kill();
      await projector?.kill();
      await opened?.store.close();
      await database?.drop();
      projectorData.remove();
      relayData.remove();
    });

    const keep = (p: PlatformProcess | undefined) => {
      if (p) outputs.push(p.output());
    };
    const diagnostics = () =>
      [...outputs, relay?.output() ?? '', projector?.output() ?? '']
        .map((o) => o.split('\n').slice(-15).join('\n'))
        .join('\n---\n');

    /** Events the relay has not published yet, and messages the projector group has not committed. */
    const progress = async () => {
      const checkpoint = await getPostgresCheckpointStore(opened.sql).load(`relay:${topic}`);
      const after = parseCheckpoint(checkpoint ?? START);
      const unrelayed = await opened.sql.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM tl_events
         WHERE (tx, global_position) > ($1::text::xid8, $2::bigint)`,
        [after.tx.toString(), after.position.toString()],
      );
      const admin = kafkaClient({ brokers }).admin();
      await admin.connect();
      try {
        const high = await admin.fetchTopicOffsets(topic).catch(() => []);
        const [committed] = await admin
          .fetchOffsets({ groupId, topics: [topic] })
          .catch(() => [{ partitions: [] as { partition: number; offset: string }[] }]);
        const published = high.reduce((n, p) => n + Number(p.high), 0);
        const done = (committed?.partitions ?? []).reduce(
          (n, p) => n + Math.max(0, Number(p.offset)),
          0,
        );
        return {
          unrelayed: Number(unrelayed[0]?.n ?? 0),
          published,
          unprojected: published - done,
        };
      } finally {
        await admin.disconnect();
      }
    };

    it(`ClickHouse ends with exactly the ${TOTAL} appended events after repeated kill -9 of both`, async () => {
      relay = await startPlatformProcess(relayEnv);
      projector = await startPlatformProcess(projectorEnv);
      log('relay and projector started');

      const appended: string[] = [];
      const started = performance.now();
      const appending = (async () => {
        for (let done = 0; done < TOTAL; done += BATCH) {
          const byCustomer = new Map<string, ReturnType<typeof touchpoint>[]>();
          for (let i = done; i < done + BATCH; i++) {
            const customer = `c${Math.floor(Math.random() * CUSTOMERS)}`;
            byCustomer.set(customer, [
              ...(byCustomer.get(customer) ?? []),
              touchpoint(customer, i),
            ]);
          }
          const requests: AppendManyRequest[] = [...byCustomer].map(([customer, events]) => ({
            streamId: `customer-${PROJECT}-${customer}`,
            events,
          }));
          const results = await opened.store.appendMany(requests);
          const failed = results.find((r) => r instanceof Error);
          if (failed) throw failed;
          for (const r of requests) for (const e of r.events) appended.push(e.id);
          await sleep(started + ((done + BATCH) / RATE) * 1000 - performance.now());
        }
        log(`all ${appended.length} events appended`);
      })();

      // Kill each process KILLS_EACH times, in random order, at random moments.
      const victims = [
        ...Array<'relay'>(KILLS_EACH).fill('relay'),
        ...Array<'projector'>(KILLS_EACH).fill('projector'),
      ].sort(() => Math.random() - 0.5);
      for (const victim of victims) {
        await sleep(between(1_500, 5_000));
        const p = await progress();
        log(
          `kill -9 ${victim} (appended ${appended.length}, unrelayed ${p.unrelayed}, on topic ${p.published}, unprojected ${p.unprojected})`,
        );
        if (victim === 'relay') {
          await relay.kill();
          keep(relay);
          await sleep(between(0, 1_000));
          relay = await startPlatformProcess(relayEnv);
        } else {
          await projector.kill();
          keep(projector);
          await sleep(between(0, 1_000));
          projector = await startPlatformProcess(projectorEnv);
        }
        log(`${victim} restarted`);
      }
      await appending;

      // Drain: the relay has published everything and the group has committed everything.
      const deadline = Date.now() + 150_000;
      for (;;) {
        const p = await progress();
        log(
          `draining: unrelayed ${p.unrelayed}, on topic ${p.published}, unprojected ${p.unprojected}`,
        );
        if (p.unrelayed === 0 && p.published >= TOTAL && p.unprojected === 0) break;
        if (Date.now() > deadline) throw new Error(`did not drain:\n${diagnostics()}`);
        await sleep(2_000);
      }
      // The relay's /healthz shows it active, with its lag (measured every 5 s) down to zero.
      const health = await eventually(
        async () => (await fetch(`${relay!.url}/healthz`)).json() as Promise<RelayHealth>,
        (h) => h.relay?.active === true && h.relay.lag?.eventsBehind === 0,
        15_000,
        500,
      );
      expect(health.value.relay, diagnostics()).toMatchObject({
        active: true,
        lag: { eventsBehind: 0, oldestUnrelayedAgeSeconds: 0 },
      });
      const { published } = await progress();
      log(
        `drained: ${published} messages on the topic for ${TOTAL} events (re-published after kills: ${published - TOTAL})`,
      );
      const code = await projector.stop();
      expect(code, diagnostics()).toBe(0);
      await relay.stop();

      const warehouse = await openWarehouse({
        kind: 'chdb',
        dataDir: `${projectorData.path}/warehouse`,
      });
      try {
        const table = `${warehouse.database}.timeline_events`;
        const [counts] = await warehouse.query<{ rows: string; ids: string }>(
          `SELECT count() AS rows, uniqExact(event_id) AS ids FROM ${table} FINAL
             WHERE project_id = {project:String}`,
          { project: PROJECT },
        );
        log(`ClickHouse: ${counts?.rows} rows, ${counts?.ids} distinct event ids`);
        expect(Number(counts?.rows)).toBe(TOTAL);
        expect(Number(counts?.ids)).toBe(TOTAL);
        const rows = await warehouse.query<{ id: string }>(
          `SELECT toString(event_id) AS id FROM ${table} FINAL WHERE project_id = {project:String}`,
          { project: PROJECT },
        );
        const stored = new Set(rows.map((r) => r.id));
        const missing = appended.filter((id) => !stored.has(id));
        expect(missing).toEqual([]);
      } finally {
        await warehouse.close();
      }
    }, 300_000);
  },
);
