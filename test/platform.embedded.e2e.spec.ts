import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStore, START } from '@touchline/event-store';
import { tempDir } from '@touchline/testing';
import {
  bootstrapKeys,
  getTimeline,
  postTouchpoint,
  useKeys,
  type ClientKeys,
} from './support/journeyClient.ts';
import {
  eventually,
  startPlatformProcess,
  type PlatformProcess,
} from './support/platformProcess.ts';

// The whole platform as `pnpm start` runs it: one process, PGlite + chdb under one data dir.
describe('embedded platform (one process, PGlite + chdb)', () => {
  const data = tempDir('tl-e2e-embedded-');
  let platform: PlatformProcess;
  let keys: ClientKeys;

  beforeAll(async () => {
    platform = await startPlatformProcess({ TL_DATA_DIR: data.path });
    keys = bootstrapKeys(data.path); // first start created the default project and its keys
    useKeys(keys);
  });
  afterAll(async () => {
    await platform?.stop();
    data.remove();
  });

  it('a posted touchpoint is in the customer timeline within 2 s', async () => {
    const customer = `c-${randomUUID()}`;
    const id = randomUUID();
    const posted = await postTouchpoint(platform.url, {
      id,
      type: 'order.placed',
      channel: 'store',
      userId: customer,
      data: { orderId: 'o-1', amount: 99.9, currency: 'EUR' },
    });
    expect(posted.status).toBe(201);
    const seen = await eventually(
      () => getTimeline(platform.url, customer),
      (timeline) => timeline.events.some((e) => e.id === id),
      2_000,
    );
    expect(seen.ok, `not visible after ${Math.round(seen.elapsedMs)} ms`).toBe(true);
    expect(seen.value.events[0]).toMatchObject({
      id,
      type: 'order.placed',
      channel: 'store',
      data: { amount: 99.9 },
    });
  });

  it('a Segment track call (write key as Basic-auth user) shows in the timeline with its event name', async () => {
    const customer = `seg-${randomUUID()}`;
    const response = await fetch(`${platform.url}/v1/track`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${keys.write}:`).toString('base64')}`,
      },
      body: JSON.stringify({
        userId: customer,
        event: 'Checkout Started',
        properties: { value: 42 },
        messageId: randomUUID(),
      }),
    });
    expect(response.status).toBe(200);
    const seen = await eventually(
      () => getTimeline(platform.url, customer),
      (timeline) => timeline.events.length === 1,
      2_000,
    );
    expect(seen.ok, `not visible after ${Math.round(seen.elapsedMs)} ms`).toBe(true);
    expect(seen.value.events[0]).toMatchObject({
      type: 'segment.track',
      event: 'Checkout Started',
      data: { value: 42 },
    });
  });

  it('kill -9 loses no acknowledged touchpoint: after restart the timeline has every one, once', async () => {
    const customer = `crash-${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = randomUUID();
      const posted = await postTouchpoint(platform.url, {
        id,
        type: 'page.viewed',
        channel: 'app',
        userId: customer,
        data: { path: `/items/${i}` },
      });
      expect(posted.status).toBe(201);
      ids.push(id);
    }
    await platform.kill(); // no shutdown hooks: locks stay behind, projector mid-flight
    platform = await startPlatformProcess({ TL_DATA_DIR: data.path });
    const seen = await eventually(
      () => getTimeline(platform.url, customer),
      (timeline) => timeline.events.length >= ids.length,
      30_000,
    );
    expect(seen.value.events.map((e) => e.id).sort()).toEqual([...ids].sort());
  });

  it('rejects a malformed touchpoint with a 400 naming the field, and stores nothing of it', async () => {
    const customer = `bad-${randomUUID()}`;
    const response = await postTouchpoint(platform.url, {
      type: 'order.placed',
      channel: 'pigeon',
      userId: customer,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'TL_INVALID_FIELD', field: 'channel' } });

    // Read the store itself: stop the platform (it owns the PGlite dir), open the store, look.
    expect(await platform.stop()).toBe(0);
    const opened = await openEventStore({ kind: 'pglite', dataDir: `${data.path}/store` });
    try {
      const { events } = await opened.store.readAll({ after: START, limit: 100_000 });
      expect(events.length).toBeGreaterThan(0); // the valid touchpoint from the first test
      expect(events.filter((e) => JSON.stringify(e.data).includes(customer))).toEqual([]);
    } finally {
      await opened.store.close();
    }
  });
});
