import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoLoadError, loadDemo } from '@touchline/demo';
import { createLogger, loadConfig } from '@touchline/runtime';
import { touchline, TouchlineError } from '@touchline/sdk';
import { tempDir } from '@touchline/testing';
import { startPlatform, type RunningPlatform } from './startPlatform.ts';

// The SDK and the demo loader against the real platform: embedded engines (PGlite + chdb) in-process.
const data = tempDir('tl-sdk-');
const root = randomBytes(24).toString('hex');
let platform: RunningPlatform;
let keys: Record<'write' | 'read' | 'admin', string>;

const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  for (let i = 0; ; i++) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (i > 150) throw new Error('timed out waiting for the read model');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

beforeAll(async () => {
  platform = await startPlatform(
    loadConfig({ TL_DATA_DIR: data.path, TL_HTTP_PORT: '0', TL_ROOT_TOKEN: root }),
    createLogger('silent'),
  );
  const created = await touchline({ baseUrl: platform.url, key: root }).projects.create({
    projectId: 'sdk_spec',
  });
  keys = Object.fromEntries(created.keys.map((k) => [k.kind, k.token])) as typeof keys;
});
afterAll(async () => {
  await platform?.stop();
  data.remove();
});

describe('@touchline/sdk', () => {
  it('sends one touchpoint and a batch, and reads them back from the timeline and the 360', async () => {
    const writer = touchline({ baseUrl: platform.url, key: keys.write });
    const reader = touchline({ baseUrl: platform.url, key: keys.read });
    const userId = `u-${randomUUID()}`;
    const one = await writer.touchpoints.send({
      type: 'order.placed',
      channel: 'web',
      userId,
      data: { orderId: 'o-1', amount: 42, currency: 'EUR' },
    });
    expect(one.duplicate).toBe(false);
    const batch = await writer.touchpoints.send([
      { type: 'page.viewed', channel: 'web', userId, data: { path: '/' } },
      { type: 'page.viewed', channel: 'web', userId, data: { path: 'no-slash' } },
    ]);
    expect([batch.accepted, batch.rejected]).toEqual([1, 1]);
    expect(batch.results[1]).toMatchObject({ status: 'rejected', field: 'batch[1].data.path' });

    const timeline = await eventually(
      () => reader.customers.timeline(userId, { limit: 10 }),
      (t) => t.events.length === 2,
    );
    expect(timeline.events.map((e) => e.type).sort()).toEqual(['order.placed', 'page.viewed']);
    expect(timeline.events.find((e) => e.type === 'order.placed')?.id).toBe(one.id);
    expect(timeline.nextCursor).toBeNull();
    // Typed filters and pages: one entry a page, the second page continues after the first.
    const first = await reader.customers.timeline(userId, {
      limit: 1,
      type: ['order.placed', 'page.viewed'],
    });
    expect(first.events).toHaveLength(1);
    const second = await reader.customers.timeline(userId, {
      limit: 1,
      type: ['order.placed', 'page.viewed'],
      cursor: first.nextCursor!,
    });
    expect([...first.events, ...second.events].map((e) => e.id)).toEqual(
      timeline.events.map((e) => e.id),
    );
    expect((await reader.customers.timeline(userId, { channel: ['phone'] })).events).toEqual([]);
    const customer = await eventually(
      () => reader.customers.get(userId),
      (c) => c.customer.orders === 1,
    );
    expect(customer.customer.stage.current).toBe('new');
  });

  it('runs the journey analytics, the churn worklist and the model calls, typed', async () => {
    const writer = touchline({ baseUrl: platform.url, key: keys.write });
    const reader = touchline({ baseUrl: platform.url, key: keys.read });
    const userId = `funnel-${randomUUID()}`;
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 10, minutes)).toISOString();
    await writer.touchpoints.send([
      { type: 'page.viewed', channel: 'web', userId, occurredAt: at(0), data: { path: '/' } },
      {
        type: 'page.viewed',
        channel: 'web',
        userId,
        occurredAt: at(5),
        data: { path: '/pricing' },
      },
      {
        type: 'order.placed',
        channel: 'web',
        userId,
        occurredAt: at(9),
        data: { orderId: `o-${userId}`, amount: 10, currency: 'EUR' },
      },
    ]);
    const range = { from: '2026-01-05T00:00:00.000Z', to: '2026-01-06T00:00:00.000Z' };
    const funnel = await eventually(
      () =>
        reader.analytics.funnel({
          ...range,
          steps: [{ type: 'page.viewed' }, { type: 'order.placed' }],
          windowSeconds: 3_600,
        }),
      (f) => f.steps[0] === 1,
    );
    expect(funnel.steps).toEqual([1, 1]);
    expect(funnel.timeToConvert.medianSeconds).toBe(9 * 60);
    const paths = await reader.analytics.paths({
      ...range,
      anchor: { type: 'page.viewed' },
      depth: 2,
    });
    expect(paths.sequences[0]).toEqual({ steps: ['page.viewed', 'order.placed'], customers: 1 });
    const retention = await reader.analytics.retention({ ...range, period: 'day', periods: 1 });
    expect(retention.cohorts).toEqual([{ cohort: '2026-01-05', customers: 1, returned: [0] }]);

    const worklist = await reader.churn.worklist({ limit: 5, minScore: 0.5 });
    expect(worklist.items.every((item) => item.score >= 0.5)).toBe(true);
    const badFilter = await reader.churn
      .worklist({ limit: 9_999 })
      .catch((error: unknown) => error);
    expect(badFilter).toBeInstanceOf(TouchlineError);
    expect(badFilter).toMatchObject({ status: 400, code: 'TL_INVALID_FIELD', field: 'limit' });
    const noModel = await reader.churn.model('sdk_spec').catch((error: unknown) => error);
    expect(noModel).toMatchObject({ status: 404, code: 'TL_NOT_FOUND' });
  });

  it('maps error answers to TouchlineError with status, code and field', async () => {
    const writer = touchline({ baseUrl: platform.url, key: keys.write });
    const invalid = await writer.touchpoints
      // @ts-expect-error the channel is not one of the contracts' channels
      .send({ type: 'page.viewed', channel: 'fax', userId: 'u-1', data: { path: '/' } })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(TouchlineError);
    expect(invalid).toMatchObject({ status: 400, code: 'TL_INVALID_FIELD', field: 'channel' });

    const unknown = touchline({ baseUrl: platform.url, key: 'tl_w_000000000000_nope' });
    await expect(unknown.customers.get('u-1')).rejects.toMatchObject({
      status: 401,
      code: 'TL_UNAUTHORIZED',
    });
    await expect(writer.customers.timeline('u-1')).rejects.toMatchObject({
      status: 403,
      code: 'TL_FORBIDDEN',
    });
  });

  it('admin calls: keys and settings, with an If-Match conflict as TL_CONFLICT', async () => {
    const admin = touchline({ baseUrl: platform.url, key: keys.admin });
    const key = await admin.keys.create('sdk_spec', { kind: 'read', label: 'sdk' });
    expect(key.token).toMatch(/^tl_r_/);
    expect((await admin.keys.list('sdk_spec')).keys.map((k) => k.keyId)).toContain(key.keyId);
    await admin.keys.revoke('sdk_spec', key.keyId);

    const saved = await admin.settings.put(
      'sdk_spec',
      'sla',
      { targets: { complaint: { high: { firstResponseHours: 1 } } } },
      { ifMatch: 0 },
    );
    expect(saved.version).toBe(1);
    expect((await admin.settings.get('sdk_spec')).settings.sla.version).toBe(1);
    await expect(admin.settings.put('sdk_spec', 'sla', {}, { ifMatch: 0 })).rejects.toMatchObject({
      status: 409,
      code: 'TL_CONFLICT',
      field: 'If-Match',
    });
  });

  it('retries a 429 after Retry-After, and gives up with retryAfterSeconds when retries run out', async () => {
    const admin = touchline({ baseUrl: platform.url, key: keys.admin });
    const limited = await admin.keys.create('sdk_spec', { kind: 'read', rateLimit: 1 });
    const waits: number[] = [];
    const patient = touchline({
      baseUrl: platform.url,
      key: limited.token,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    // Burst 2 at 1/s: the third call in a row is limited, waits, then succeeds.
    for (let i = 0; i < 3; i++) await patient.customers.timeline('nobody', { limit: 1 });
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms >= 1000 && ms <= 30_000)).toBe(true);

    const impatient = touchline({ baseUrl: platform.url, key: limited.token, maxRetries: 0 });
    const errors = await Promise.all(
      [0, 1, 2, 3].map(() => impatient.customers.timeline('nobody').catch((e: unknown) => e)),
    );
    const limitedError = errors.find((e) => e instanceof TouchlineError);
    expect(limitedError).toMatchObject({ status: 429, code: 'TL_RATE_LIMITED' });
    expect((limitedError as TouchlineError).retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('loadDemo', () => {
  it('loads a small demo through the API; anonymous visits join the identified customer', async () => {
    const seen: number[] = [];
    const result = await loadDemo({
      baseUrl: platform.url,
      writeKey: keys.write,
      customers: 40,
      seed: 3,
      until: new Date('2026-03-01T00:00:00Z'),
      onProgress: (p) => seen.push(p.sent),
    });
    expect(result.accepted).toBe(result.events);
    expect(seen.at(-1)).toBe(result.events);
    const again = await loadDemo({
      baseUrl: platform.url,
      writeKey: keys.write,
      customers: 40,
      seed: 3,
      until: new Date('2026-03-01T00:00:00Z'),
    });
    expect([again.accepted, again.duplicates]).toEqual([0, result.events]);

    const reader = touchline({ baseUrl: platform.url, key: keys.read });
    const customer = await eventually(
      () => reader.customers.get('demo-customer-002'),
      (c) => c.customer.memberIds.includes('anon:demo-visitor-2'),
    );
    expect(customer.customer.orders).toBeGreaterThan(0);
  });

  it('a refused batch is a DemoLoadError naming the code', async () => {
    await expect(
      loadDemo({ baseUrl: platform.url, writeKey: keys.read, customers: 2 }),
    ).rejects.toMatchObject({ constructor: DemoLoadError, code: 'TL_FORBIDDEN' });
  });
});
