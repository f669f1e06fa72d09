import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchpointInputSchema } from '@touchline/contracts';
import { openEventStore, START, type OpenedEventStore } from '@touchline/event-store';
import { touchpointEvent } from '@touchline/journey';
import { fromStoredEvent } from '@touchline/streams';
import { tempDir } from '@touchline/testing';
import {
  migrateWarehouse,
  openWarehouse,
  readTimeline,
  type Warehouse,
} from '@touchline/warehouse';
import { timelineProjection } from './timelineProjection.ts';

const dir = tempDir('tl-projection-');
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

const order = { orderId: 'o-1', amount: 5, currency: 'EUR' };
const page = { path: '/' };

const append = async (userId: string, type: string, data: Record<string, unknown>) => {
  const { streamId, event } = touchpointEvent({
    touchpoint: touchpointInputSchema.parse({ type, channel: 'web', userId, data }),
    projectId: 'shop',
    eventId: randomUUID(),
    receivedAt: new Date(),
    source: 'test',
  });
  await store.store.append(streamId, [event]);
  return streamId;
};

const projectAll = async (times = 1) => {
  const { events } = await store.store.readAll({ after: START, limit: 100_000 });
  const project = timelineProjection(warehouse);
  for (let i = 0; i < times; i++) await project(events.map(fromStoredEvent));
};

describe('timeline projection (PGlite log → chdb)', () => {
  it('the same events applied twice give the same timeline', async () => {
    const user = `u-${randomUUID()}`;
    await append(user, 'page.viewed', page);
    await append(user, 'order.placed', order);
    await projectAll(2);
    const timeline = await readTimeline(warehouse, { projectId: 'shop', customerKey: user });
    expect(timeline.map((e) => e.type).sort()).toEqual(['order.placed', 'page.viewed']);
  });

  it('an erasure tombstone deletes the customer’s rows, and only theirs', async () => {
    const erased = `u-${randomUUID()}`;
    const kept = `u-${randomUUID()}`;
    const stream = await append(erased, 'order.placed', {
      ...order,
      attributes: { email: 'ada@example.com' },
    });
    await append(kept, 'order.placed', order);
    await projectAll();
    expect(await readTimeline(warehouse, { projectId: 'shop', customerKey: erased })).toHaveLength(
      1,
    );

    await store.store.erase(stream, 'gdpr');
    await append(erased, 'page.viewed', page); // after the erasure: stays
    await projectAll();
    const after = await readTimeline(warehouse, { projectId: 'shop', customerKey: erased });
    expect(after.map((e) => e.type)).toEqual(['page.viewed']);
    expect(await readTimeline(warehouse, { projectId: 'shop', customerKey: kept })).toHaveLength(1);
  });
});
