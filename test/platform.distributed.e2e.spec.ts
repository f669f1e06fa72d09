import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStore, START } from '@touchline/event-store';
import { kafkaClient } from '@touchline/streams';
import {
  createTestDatabase,
  kafkaBrokers,
  postgresServer,
  tempDir,
  uniqueTopic,
  type TestPostgres,
} from '@touchline/testing';
import { createProject, getTimeline, postTouchpoint, useKeys } from './support/journeyClient.ts';
import {
  eventually,
  startPlatformProcess,
  type PlatformProcess,
} from './support/platformProcess.ts';

const postgres = await postgresServer();
const kafka = await kafkaBrokers();

// Production shape: ingest + relay in one process on PostgreSQL, publishing to Kafka; the
// projector a separate process, a Kafka consumer, writing ClickHouse (chdb) that insights reads.
describe.runIf(postgres.available && kafka.available)(
  'distributed platform (PostgreSQL + Kafka + chdb)',
  () => {
    let database: TestPostgres;
    const data = tempDir('tl-e2e-distributed-');
    let writer: PlatformProcess;
    let projector: PlatformProcess;
    let writerEnv: Record<string, string>;
    let projectorEnv: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase(postgres.available ? postgres.value : '');
      const shared = {
        KAFKA_BROKERS: (kafka.available ? kafka.value : []).join(','),
        KAFKA_TOPIC: uniqueTopic('e2e.touchpoints'),
        KAFKA_GROUP_ID: `e2e-${randomUUID()}`,
      };
      const rootToken = randomBytes(24).toString('hex');
      // The projector process also reaches PostgreSQL: insights verifies read keys there.
      writerEnv = {
        ...shared,
        TL_SERVICES: 'ingest,relay,admin',
        DATABASE_URL: database.url,
        TL_ROOT_TOKEN: rootToken,
      };
      projectorEnv = {
        ...shared,
        TL_SERVICES: 'projector,insights',
        TL_DATA_DIR: data.path,
        DATABASE_URL: database.url,
      };
      writer = await startPlatformProcess(writerEnv);
      projector = await startPlatformProcess(projectorEnv);
      useKeys(await createProject(writer.url, rootToken, 'e2e'));
      // Warm-up: the consumer group's first join takes a few seconds; measure freshness after it.
      const warm = `warm-${randomUUID()}`;
      await postTouchpoint(writer.url, {
        type: 'page.viewed',
        channel: 'web',
        userId: warm,
        data: { path: '/' },
      });
      const ready = await eventually(
        () => getTimeline(projector.url, warm),
        (t) => t.events.length === 1,
        60_000,
        200,
      );
      if (!ready.ok)
        throw new Error(`projector never caught up:\n${writer.output()}\n${projector.output()}`);
    });

    afterAll(async () => {
      await projector?.stop();
      await writer?.stop();
      await database?.drop();
      data.remove();
    });

    it('a touchpoint posted to ingest is in the timeline served by the projector process within 2 s', async () => {
      const customer = `c-${randomUUID()}`;
      const id = randomUUID();
      const posted = await postTouchpoint(writer.url, {
        id,
        type: 'case.opened',
        channel: 'phone',
        userId: customer,
        data: { caseId: 'k-1', kind: 'fault_report' },
      });
      expect(posted.status).toBe(201);
      const seen = await eventually(
        () => getTimeline(projector.url, customer),
        (t) => t.events.some((e) => e.id === id),
        2_000,
      );
      expect(seen.ok, `not visible after ${Math.round(seen.elapsedMs)} ms`).toBe(true);
      expect(seen.value.events).toHaveLength(1);
    });

    it('keeps a customer’s order across Kafka and counts a retried touchpoint once', async () => {
      const customer = `c-${randomUUID()}`;
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const id = randomUUID();
        ids.push(id);
        const occurredAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
        expect(
          (
            await postTouchpoint(writer.url, {
              id,
              type: 'page.viewed',
              channel: 'web',
              userId: customer,
              occurredAt,
              data: { path: `/items/${i}` },
            })
          ).status,
        ).toBe(201);
      }
      const retry = await postTouchpoint(writer.url, {
        id: ids[0],
        type: 'page.viewed',
        channel: 'web',
        userId: customer,
        occurredAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
        data: { path: '/items/0' },
      });
      expect(retry).toMatchObject({ status: 200, body: { duplicate: true } });
      const seen = await eventually(
        () => getTimeline(projector.url, customer),
        (t) => t.events.length >= 20,
        10_000,
      );
      expect(seen.value.events.map((e) => e.id)).toEqual([...ids].reverse());
    });

    it('kill -9 of the writer and of the projector mid-stream: every acknowledged touchpoint lands once', async () => {
      const customer = `crash-${randomUUID()}`;
      const ids: string[] = [];
      const post = async (count: number) => {
        const batch = Array.from({ length: count }, () => randomUUID());
        const results = await Promise.all(
          batch.map((id, i) =>
            postTouchpoint(writer.url, {
              id,
              type: 'page.viewed',
              channel: 'web',
              userId: customer,
              data: { path: `/items/${i}` },
            }),
          ),
        );
        expect(results.every((r) => r.status === 201)).toBe(true);
        ids.push(...batch);
      };
      await post(60);
      await writer.kill(); // the relay may be between Kafka's ack and its checkpoint
      writer = await startPlatformProcess(writerEnv);
      await post(60);
      await projector.kill(); // the projector may be between its ClickHouse insert and its offset commit
      await post(60);
      projector = await startPlatformProcess(projectorEnv);
      const seen = await eventually(
        () => getTimeline(projector.url, customer, 1000),
        (timeline) => timeline.events.length >= ids.length,
        60_000,
        200,
      );
      const got = seen.value.events.map((e) => e.id);
      expect(new Set(got).size).toBe(got.length); // nothing counted twice
      expect(got.sort()).toEqual([...ids].sort()); // nothing lost
    });

    it('stage changes, SLA breaches and churn warnings are written back and published to Kafka', async () => {
      const customer = `derived-${randomUUID()}`;
      const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
      const posted = await postTouchpoint(writer.url, {
        batch: [
          ...[300, 250].map((days, i) => ({
            type: 'order.placed',
            channel: 'web',
            userId: customer,
            occurredAt: daysAgo(days),
            data: { orderId: `${customer}-o${i}`, amount: 40, currency: 'EUR' },
          })),
          {
            type: 'case.opened',
            channel: 'phone',
            userId: customer,
            occurredAt: daysAgo(10),
            data: { caseId: `${customer}-k`, kind: 'complaint' },
          },
        ],
      });
      expect(posted.status).toBe(200);

      // The projector process derives the facts and appends them to PostgreSQL; the relay in the
      // writer process publishes them like any event, keyed by the customer's stream.
      const consumer = kafkaClient({ brokers: kafka.available ? kafka.value : [] }).consumer({
        groupId: `e2e-derived-${randomUUID()}`,
      });
      await consumer.connect();
      await consumer.subscribe({ topic: writerEnv.KAFKA_TOPIC!, fromBeginning: true });
      const types = new Set<string>();
      const wanted = ['lifecycle.stage_changed', 'sla.breached', 'churn.risk_raised'];
      await consumer.run({
        eachMessage: ({ message }) => {
          if (message.key?.toString() === `customer-e2e-${customer}`)
            types.add(String(message.headers?.ce_type));
          return Promise.resolve();
        },
      });
      const seen = await eventually(
        () => Promise.resolve(new Set(types)),
        (got) => wanted.every((type) => got.has(type)),
        30_000,
        200,
      );
      await consumer.disconnect();
      expect([...seen.value].filter((type) => wanted.includes(type)).sort()).toEqual(
        [...wanted].sort(),
      );
    });

    it('rejects a malformed touchpoint with a 400 naming the field, and PostgreSQL holds nothing of it', async () => {
      const customer = `bad-${randomUUID()}`;
      const response = await postTouchpoint(writer.url, {
        type: 'order.placed',
        channel: 'web',
        userId: customer,
        occurredAt: 'soon',
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        error: { code: 'TL_INVALID_FIELD', field: 'occurredAt' },
      });
      const opened = await openEventStore({ kind: 'postgres', connectionString: database.url });
      try {
        const { events } = await opened.store.readAll({ after: START, limit: 100_000 });
        expect(events.length).toBeGreaterThan(0);
        expect(events.filter((e) => JSON.stringify(e.data).includes(customer))).toEqual([]);
      } finally {
        await opened.store.close();
      }
    });
  },
);
