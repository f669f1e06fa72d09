import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchpointInputSchema } from '@touchline/contracts';
import { openEventStore, START, type OpenedEventStore } from '@touchline/event-store';
import {
  customerStreamId,
  IDENTITY_ALIASED,
  IDENTITY_LINKED,
  identityLinks,
  resolveCanonical,
  seededRandom,
  touchpointEvent,
} from '@touchline/journey';
import { fromStoredEvent, type SourcedEvent } from '@touchline/streams';
import { tempDir } from '@touchline/testing';
import {
  memberKeys,
  migrateWarehouse,
  openWarehouse,
  readJourneyEvents,
  readTimeline,
  resolveCustomerKeys,
  type Warehouse,
} from '@touchline/warehouse';
import { composeHandlers } from './composeHandlers.ts';
import { identityProjection } from './identityProjection.ts';
import { timelineProjection } from './timelineProjection.ts';

const dir = tempDir('tl-identity-');
let store: OpenedEventStore;
let warehouse: Warehouse;

beforeAll(async () => {
  store = await openEventStore({ kind: 'pglite' });
  warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
  await migrateWarehouse(warehouse);
});
afterAll(async () => {
  await warehouse.close();
  await store.store.close();
  dir.remove();
});

/** A fresh project per test, so tests share the engines but not their data. */
const newProject = () => `p_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** Appends a touchpoint of a visitor (`anonymousId`) or a user (`userId`); returns its id. */
const touch = async (
  projectId: string,
  ids: { userId?: string; anonymousId?: string },
  type: string,
  occurredAt: string,
) => {
  const eventId = randomUUID();
  const { streamId, event } = touchpointEvent({
    touchpoint: touchpointInputSchema.parse({
      type,
      channel: 'web',
      ...ids,
      occurredAt,
      data:
        type === 'page.viewed'
          ? { path: `/${eventId}` }
          : { orderId: eventId, amount: 1, currency: 'EUR' },
    }),
    projectId,
    eventId,
    receivedAt: new Date(),
    source: 'test',
  });
  await store.store.append(streamId, [event]);
  return eventId;
};

/** Appends an identity fact on the user's stream, as the Segment ingest does. */
const identify = (projectId: string, userId: string, anonymousId: string) =>
  store.store.append(customerStreamId(projectId, userId), [
    {
      id: randomUUID(),
      type: IDENTITY_LINKED,
      data: { userId, anonymousId, source: 'identify' },
      metadata: {},
    },
  ]);
const alias = (projectId: string, userId: string, previousId: string) =>
  store.store.append(customerStreamId(projectId, userId), [
    { id: randomUUID(), type: IDENTITY_ALIASED, data: { userId, previousId }, metadata: {} },
  ]);

/** The project's events in store order, as a source delivers them. */
const eventsOf = async (projectId: string): Promise<SourcedEvent[]> => {
  const { events } = await store.store.readAll({ after: START, limit: 100_000 });
  return events
    .map(fromStoredEvent)
    .filter((event) => event.streamId.startsWith(`customer-${projectId}-`));
};

const project = (events: readonly SourcedEvent[]) =>
  composeHandlers(timelineProjection(warehouse), identityProjection(warehouse))(events);

const mapRows = (projectId: string) =>
  warehouse.query<{ customer_key: string; canonical_key: string; store_position: number }>(
    `SELECT customer_key, canonical_key, store_position FROM ${warehouse.database}.identity_map FINAL
     WHERE project_id = {projectId:String} ORDER BY customer_key`,
    { projectId },
  );

describe('identity projection (PGlite log → chdb)', () => {
  it('an anonymous journey, then identify: the user’s timeline includes the anonymous events', async () => {
    const p = newProject();
    const viewed = await touch(p, { anonymousId: 'a1' }, 'page.viewed', '2026-03-01T10:00:00Z');
    const viewed2 = await touch(p, { anonymousId: 'a1' }, 'page.viewed', '2026-03-01T10:05:00Z');
    await project(await eventsOf(p));
    expect(await readTimeline(warehouse, { projectId: p, customerKey: 'u1' })).toEqual([]);

    await identify(p, 'u1', 'a1');
    const ordered = await touch(p, { userId: 'u1' }, 'order.placed', '2026-03-01T10:10:00Z');
    await project(await eventsOf(p)); // re-delivers the first events too

    const byUser = await readTimeline(warehouse, { projectId: p, customerKey: 'u1' });
    expect(byUser.map((e) => e.id)).toEqual([ordered, viewed2, viewed]);
    expect(byUser[2]).toMatchObject({ anonymousId: 'a1', userId: null });
    expect(await readTimeline(warehouse, { projectId: p, customerKey: 'anon:a1' })).toEqual(byUser);
    // The anonymous rows were not rewritten: they still sit under the anonymous key.
    const stored = await warehouse.query<{ customer_key: string }>(
      `SELECT customer_key FROM ${warehouse.database}.timeline_events FINAL
       WHERE project_id = {p:String} AND event_id = {id:UUID}`,
      { p, id: viewed },
    );
    expect(stored).toEqual([{ customer_key: 'anon:a1' }]);
  });

  it('two anonymous devices merge into one customer', async () => {
    const p = newProject();
    const phone = await touch(p, { anonymousId: 'phone' }, 'page.viewed', '2026-03-02T08:00:00Z');
    const laptop = await touch(p, { anonymousId: 'laptop' }, 'page.viewed', '2026-03-02T09:00:00Z');
    await identify(p, 'u', 'phone');
    await identify(p, 'u', 'laptop');
    await project(await eventsOf(p));
    for (const key of ['u', 'anon:phone', 'anon:laptop']) {
      const timeline = await readTimeline(warehouse, { projectId: p, customerKey: key });
      expect(timeline.map((e) => e.id)).toEqual([laptop, phone]);
    }
    expect(await memberKeys(warehouse, p, ['u'])).toEqual(
      new Map([['u', ['u', 'anon:laptop', 'anon:phone']]]),
    );
  });

  it('the same batch applied twice leaves an identical identity map', async () => {
    const p = newProject();
    await identify(p, 'u1', 'a');
    await alias(p, 'u2', 'u1');
    const events = await eventsOf(p);
    await project(events);
    const once = await mapRows(p);
    await project(events);
    await project(events.slice(1));
    expect(await mapRows(p)).toEqual(once);
    expect(once.map((r) => [r.customer_key, r.canonical_key])).toEqual([
      ['anon:a', 'u2'],
      ['anon:u1', 'u2'],
      ['u1', 'u2'],
      ['u2', 'u2'],
    ]);
    const rows = await warehouse.query<{ n: string }>(
      `SELECT count() AS n FROM ${warehouse.database}.identity_links FINAL WHERE project_id = {p:String}`,
      { p },
    );
    expect(Number(rows[0]!.n)).toBe(6); // 3 links, each under both of its keys
  });

  it('links delivered in shuffled orders, in batches, some late, end in the same map', async () => {
    const source = newProject();
    await identify(source, 'u1', 'a1');
    await identify(source, 'u1', 'a2');
    await identify(source, 'u2', 'a3');
    await alias(source, 'u3', 'u1');
    await identify(source, 'u2', 'a4');
    await identify(source, 'u3', 'a4'); // re-identify: a4 moves to u3
    await alias(source, 'u1', 'u3'); // closes a cycle u1 → u3 → u1
    await identify(source, 'u5', 'a5');
    const facts = await eventsOf(source);
    const expected = resolveCanonical(facts.flatMap(identityLinks));
    expect(expected.get('anon:a4')).toBe('u1');

    const random = seededRandom(7);
    const results: unknown[] = [];
    for (let round = 0; round < 8; round++) {
      const p = newProject();
      // Same facts, same positions, as another project would receive them, in another order.
      const moved = facts.map((event) => ({
        ...event,
        streamId: event.streamId.replace(`customer-${source}-`, `customer-${p}-`),
      }));
      for (let i = moved.length - 1; i > 0; i--) {
        const j = Math.floor(random.uniform() * (i + 1));
        [moved[i], moved[j]] = [moved[j]!, moved[i]!];
      }
      while (moved.length > 0) await project(moved.splice(0, 1 + Math.floor(random.uniform() * 3)));
      const rows = await mapRows(p);
      expect(Object.fromEntries(rows.map((r) => [r.customer_key, r.canonical_key]))).toEqual(
        Object.fromEntries(expected),
      );
      results.push(rows);
    }
    for (const rows of results) expect(rows).toEqual(results[0]);
  });

  it('a re-identify moves the anonymous events to the newer user only', async () => {
    const p = newProject();
    const shared = await touch(p, { anonymousId: 'kiosk' }, 'page.viewed', '2026-03-03T08:00:00Z');
    await identify(p, 'first', 'kiosk');
    await project(await eventsOf(p));
    expect(
      (await readTimeline(warehouse, { projectId: p, customerKey: 'first' })).map((e) => e.id),
    ).toEqual([shared]);

    await identify(p, 'second', 'kiosk');
    await project(await eventsOf(p));
    expect(await readTimeline(warehouse, { projectId: p, customerKey: 'first' })).toEqual([]);
    expect(
      (await readTimeline(warehouse, { projectId: p, customerKey: 'second' })).map((e) => e.id),
    ).toEqual([shared]);
    expect(await resolveCustomerKeys(warehouse, p, ['anon:kiosk', 'first', 'nobody'])).toEqual(
      new Map([
        ['anon:kiosk', 'second'],
        ['first', 'first'],
        ['nobody', 'nobody'],
      ]),
    );
  });

  it('readJourneyEvents returns many customers’ unified histories in journey order', async () => {
    const p = newProject();
    const a1 = await touch(p, { anonymousId: 'x' }, 'page.viewed', '2026-03-04T10:00:00Z');
    const a2 = await touch(p, { userId: 'ann' }, 'order.placed', '2026-03-04T09:00:00Z');
    const b1 = await touch(p, { anonymousId: 'y' }, 'page.viewed', '2026-03-04T11:00:00Z');
    const b2 = await touch(p, { anonymousId: 'y' }, 'page.viewed', '2026-03-04T11:00:00Z');
    await identify(p, 'ann', 'x');
    await identify(p, 'bob', 'y');
    await project(await eventsOf(p));
    const histories = await readJourneyEvents(warehouse, p, ['ann', 'bob', 'carol']);
    expect([...histories.keys()]).toEqual(['ann', 'bob', 'carol']);
    expect(histories.get('ann')!.map((e) => [e.id, e.customerKey])).toEqual([
      [a2, 'ann'],
      [a1, 'anon:x'],
    ]);
    // Equal times: store position decides.
    expect(histories.get('bob')!.map((e) => e.id)).toEqual([b1, b2]);
    expect(histories.get('bob')![0]).toMatchObject({
      type: 'page.viewed',
      channel: 'web',
      occurredAt: new Date('2026-03-04T11:00:00Z'),
      data: { path: `/${b1}` },
    });
    expect(histories.get('carol')).toEqual([]);
  });
});
