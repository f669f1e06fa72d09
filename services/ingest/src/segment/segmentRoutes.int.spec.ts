import { randomUUID } from 'node:crypto';
import { Analytics } from '@segment/analytics-node';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TouchpointRecord } from '@touchline/contracts';
import {
  deterministicUuid,
  openEventStore,
  START,
  type OpenedEventStore,
  type StoredEvent,
} from '@touchline/event-store';
import { getAccessStore } from '@touchline/access';
import { createAuthenticator, createLogger, httpApp } from '@touchline/runtime';
import { ingestRoutes } from '../ingestRoutes.ts';
import { segmentRoutes } from './segmentRoutes.ts';

let store: OpenedEventStore;
let app: FastifyInstance;
let url: string;
let writeKey: string;
let readKey: string;

beforeAll(async () => {
  store = await openEventStore({ kind: 'pglite' });
  const access = await getAccessStore(store.sql);
  await access.createProject('acme');
  writeKey = (await access.issueKey('acme', 'write')).token;
  readKey = (await access.issueKey('acme', 'read')).token;
  app = httpApp(createLogger('silent'));
  const authenticate = createAuthenticator(access, {
    rateLimits: { write: 10_000, read: 10_000, admin: 10 },
  });
  // The native API beside it, to show Segment's CORS and text/plain parser stay in their scope.
  await app.register(ingestRoutes, { store: store.store, authenticate, source: 'test' });
  await app.register(segmentRoutes, { store: store.store, authenticate, source: 'test' });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  await store.store.close();
});

const everything = async () => (await store.store.readAll({ after: START, limit: 100_000 })).events;
const byId = async (id: string) => (await everything()).find((e) => e.id === id);
const touchpointId = (messageId: string) => deterministicUuid(`segment:acme:${messageId}`);
const factId = (messageId: string) => deterministicUuid(`identity:${touchpointId(messageId)}`);
const record = (event: StoredEvent | undefined) => event?.data as TouchpointRecord;
const basic = (key: string) => ({
  authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
});

describe('@segment/analytics-node pointed at the server', () => {
  it('track, identify, page, group, alias and a typed track arrive in the store after flush', async () => {
    const run = randomUUID();
    const [userId, anonymousId, groupId] = [`u-${run}`, `a-${run}`, `g-${run}`];
    const ids = {
      track: `track-${run}`,
      identify: `identify-${run}`,
      page: `page-${run}`,
      group: `group-${run}`,
      alias: `alias-${run}`,
      order: `order-${run}`,
    };
    const statuses: number[] = [];
    const errors: unknown[] = [];
    const analytics = new Analytics({
      writeKey,
      host: url,
      flushAt: 2,
      flushInterval: 100,
      maxRetries: 1,
    });
    analytics.on('http_response', (response) => statuses.push(response.status));
    analytics.on('error', (error) => errors.push(error));

    analytics.track({
      userId,
      event: 'Signed Up',
      properties: { plan: 'pro' },
      context: {
        channel: 'store',
        campaign: { name: 'spring', source: 'newsletter', medium: 'email' },
      },
      integrations: { All: false, Mixpanel: true },
      messageId: ids.track,
    });
    analytics.identify({
      userId,
      anonymousId,
      traits: { email: 'ada@example.com' },
      messageId: ids.identify,
    });
    analytics.page({
      anonymousId,
      name: 'Pricing',
      category: 'Docs',
      properties: { path: '/pricing' },
      messageId: ids.page,
    });
    analytics.group({ userId, groupId, traits: { seats: 12 }, messageId: ids.group });
    analytics.alias({ userId, previousId: anonymousId, messageId: ids.alias });
    analytics.track({
      userId,
      event: 'order.completed',
      properties: { orderId: 'o-1', amount: 99.5, currency: 'EUR' },
      messageId: ids.order,
    });
    await analytics.closeAndFlush({ timeout: 20_000 });

    expect(errors).toEqual([]);
    expect(statuses.length).toBeGreaterThanOrEqual(3); // flushAt 2: several /v1/batch requests
    expect(statuses.every((status) => status === 200)).toBe(true);

    const track = await byId(touchpointId(ids.track));
    expect(track).toMatchObject({ type: 'segment.track', streamId: `customer-acme-${userId}` });
    expect(record(track)).toMatchObject({
      customerKey: userId,
      userId,
      channel: 'store',
      event: 'Signed Up',
      data: { plan: 'pro' },
      messageId: ids.track,
      integrations: { All: false, Mixpanel: true },
      context: {
        channel: 'store',
        campaign: { name: 'spring', source: 'newsletter', medium: 'email' },
        library: { name: '@segment/analytics-node' },
      },
    });
    expect(record(track).sentAt).toEqual(expect.any(String));
    expect(record(track).originalTimestamp).toEqual(expect.any(String));
    expect(record(track)).not.toHaveProperty('_metadata');

    const identify = await byId(touchpointId(ids.identify));
    expect(identify).toMatchObject({
      type: 'segment.identify',
      streamId: `customer-acme-${userId}`,
      data: { userId, anonymousId, data: { email: 'ada@example.com' } },
    });
    const linked = await byId(factId(ids.identify));
    expect(linked).toMatchObject({
      type: 'identity.linked',
      streamId: `customer-acme-${userId}`,
      data: { userId, anonymousId, source: 'identify' },
    });
    expect(linked!.streamVersion).toBe(identify!.streamVersion + 1n);

    expect(await byId(touchpointId(ids.page))).toMatchObject({
      type: 'segment.page',
      streamId: `customer-acme-anon:${anonymousId}`,
      data: { channel: 'web', event: 'Pricing', data: { path: '/pricing', category: 'Docs' } },
    });
    expect(await byId(touchpointId(ids.group))).toMatchObject({
      type: 'segment.group',
      data: { groupId, data: { seats: 12 } },
    });

    const alias = await byId(touchpointId(ids.alias));
    expect(alias).toMatchObject({
      type: 'segment.alias',
      streamId: `customer-acme-${userId}`,
      data: { userId, previousId: anonymousId },
    });
    expect(await byId(factId(ids.alias))).toMatchObject({
      type: 'identity.aliased',
      streamId: `customer-acme-${userId}`,
      data: { userId, previousId: anonymousId },
    });

    expect(await byId(touchpointId(ids.order))).toMatchObject({
      type: 'order.completed',
      data: { event: 'order.completed', data: { orderId: 'o-1', amount: 99.5, currency: 'EUR' } },
    });
  });
});

describe('the short paths analytics.js posts to', () => {
  const origin = { origin: 'https://shop.example' };
  const textPlain = { ...origin, 'content-type': 'text/plain;charset=UTF-8' };

  it('take text/plain JSON with the write key in the body, with CORS headers', async () => {
    const anonymousId = `a-${randomUUID()}`;
    const calls: [string, Record<string, unknown>, string][] = [
      ['/v1/p', { name: 'Home', properties: { path: '/' } }, 'segment.page'],
      ['/v1/t', { event: 'Clicked', properties: { button: 'buy' } }, 'segment.track'],
      ['/v1/s', { name: 'Cart' }, 'segment.screen'],
      ['/v1/g', { groupId: 'acme-inc', traits: { plan: 'team' } }, 'segment.group'],
      ['/v1/i', { userId: `u-${anonymousId}`, traits: { name: 'Ada' } }, 'segment.identify'],
      ['/v1/a', { userId: `u-${anonymousId}`, previousId: anonymousId }, 'segment.alias'],
    ];
    for (const [path, fields, type] of calls) {
      const messageId = randomUUID();
      const response = await app.inject({
        method: 'POST',
        url: path,
        headers: textPlain,
        payload: JSON.stringify({
          ...fields,
          anonymousId,
          userId: fields.userId ?? null,
          messageId,
          writeKey,
          timestamp: new Date().toISOString(),
          sentAt: new Date().toISOString(),
          context: { library: { name: 'analytics.js', version: 'next-1.70.0' } },
          _metadata: { bundled: ['Segment.io'] },
        }),
      });
      expect(response.statusCode, path).toBe(200);
      expect(response.json()).toEqual({ success: true });
      expect(response.headers['access-control-allow-origin']).toBe('*');
      const stored = await byId(touchpointId(messageId));
      expect(stored?.type, path).toBe(type);
      expect(JSON.stringify(stored?.data)).not.toContain(writeKey);
    }
  });

  it('/v1/b takes a text/plain batch whose messages carry the write key', async () => {
    const messageIds = [randomUUID(), randomUUID()];
    const response = await app.inject({
      method: 'POST',
      url: '/v1/b',
      headers: textPlain,
      payload: JSON.stringify({
        batch: messageIds.map((messageId) => ({
          type: 'track',
          event: 'Viewed',
          anonymousId: 'a-batch',
          messageId,
          writeKey,
        })),
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ success: true, accepted: 2, rejected: 0 });
    for (const messageId of messageIds) expect(await byId(touchpointId(messageId))).toBeDefined();
  });

  it('the long paths take JSON with the key as the Basic-auth user', async () => {
    const messageId = randomUUID();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: basic(writeKey),
      payload: { event: 'Signed In', userId: 'u-basic', messageId },
    });
    expect(response.statusCode).toBe(200);
    expect(await byId(touchpointId(messageId))).toMatchObject({ type: 'segment.track' });
  });

  it('answers a CORS preflight for Segment paths only', async () => {
    const preflight = (path: string) =>
      app.inject({
        method: 'OPTIONS',
        url: path,
        headers: {
          ...origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    for (const path of ['/v1/t', '/v1/batch', '/v1/identify']) {
      const response = await preflight(path);
      expect(response.statusCode, path).toBe(204);
      expect(response.headers).toMatchObject({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-max-age': '86400',
      });
    }
    const native = await preflight('/v1/touchpoints');
    expect(native.statusCode).toBe(404);
    expect(native.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('idempotency and clock skew', () => {
  it('a retried messageId is a duplicate and stores nothing new, even with a new sentAt', async () => {
    const message = { event: 'Paid', userId: 'u-retry', messageId: randomUUID(), writeKey };
    const post = (sentAt: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/track',
        payload: { ...message, timestamp: '2026-01-01T00:00:00.000Z', sentAt },
      });
    expect((await post('2026-01-01T00:00:01.000Z')).json()).toEqual({ success: true });
    const before = (await everything()).length;
    const again = await post('2026-01-01T00:00:01.000Z');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ success: true, duplicate: true });
    const later = await post('2026-01-01T00:05:00.000Z');
    expect(later.json()).toEqual({ success: true, duplicate: true });
    const batch = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: basic(writeKey),
      payload: { batch: [{ ...message, type: 'track' }] },
    });
    expect(batch.json()).toMatchObject({
      accepted: 0,
      duplicates: 1,
      results: [{ index: 0, status: 'duplicate', id: touchpointId(message.messageId) }],
    });
    expect(await everything()).toHaveLength(before);
  });

  it('an identify retry duplicates its identity fact too', async () => {
    const payload = { userId: 'u-i', anonymousId: 'a-i', messageId: randomUUID(), writeKey };
    await app.inject({ method: 'POST', url: '/v1/identify', payload });
    const before = (await everything()).length;
    const again = await app.inject({ method: 'POST', url: '/v1/identify', payload });
    expect(again.json()).toEqual({ success: true, duplicate: true });
    expect(await everything()).toHaveLength(before);
  });

  it('corrects the client clock: timestamp 10 min before sentAt → receivedAt − 10 min', async () => {
    // The client clock is an hour fast.
    const sentAt = new Date(Date.now() + 60 * 60_000);
    const timestamp = new Date(sentAt.getTime() - 10 * 60_000);
    const messageId = randomUUID();
    const before = Date.now();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/t',
      headers: basic(writeKey),
      payload: {
        event: 'Late',
        anonymousId: 'a-skew',
        messageId,
        timestamp: timestamp.toISOString(),
        sentAt: sentAt.toISOString(),
      },
    });
    const after = Date.now();
    expect(response.statusCode).toBe(200);
    const stored = await byId(touchpointId(messageId));
    const occurredAt = Date.parse(record(stored).occurredAt!);
    expect(occurredAt).toBeGreaterThanOrEqual(before - 10 * 60_000);
    expect(occurredAt).toBeLessThanOrEqual(after - 10 * 60_000);
    expect(occurredAt).toBe(Date.parse(stored!.metadata.receivedAt as string) - 10 * 60_000);
    expect(record(stored)).toMatchObject({
      originalTimestamp: timestamp.toISOString(),
      sentAt: sentAt.toISOString(),
    });
  });

  it('a batch’s sentAt corrects the messages that carry none', async () => {
    const sentAt = new Date(Date.now() - 3 * 60 * 60_000); // the client clock is 3 h slow
    const messageId = randomUUID();
    await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: basic(writeKey),
      payload: {
        sentAt: sentAt.toISOString(),
        context: { library: { name: 'analytics-python' } },
        batch: [
          {
            type: 'track',
            event: 'Old',
            userId: 'u-slow',
            messageId,
            timestamp: new Date(sentAt.getTime() - 60_000).toISOString(),
            context: { ip: '10.0.0.1' },
          },
        ],
      },
    });
    const stored = await byId(touchpointId(messageId));
    expect(Date.parse(record(stored).occurredAt!)).toBe(
      Date.parse(stored!.metadata.receivedAt as string) - 60_000,
    );
    expect(record(stored).context).toEqual({
      library: { name: 'analytics-python' },
      ip: '10.0.0.1',
    });
  });
});

describe('errors: the platform error shape, stable codes, nothing stored', () => {
  const big = 'x'.repeat(33 * 1024);
  const cases: [
    string,
    { url: string; headers?: Record<string, string>; payload: string | object },
    number,
    string,
    string | undefined,
  ][] = [
    [
      'malformed JSON',
      { url: '/v1/track', headers: { 'content-type': 'application/json' }, payload: '{"event":' },
      400,
      'TL_INVALID_JSON',
      '(body)',
    ],
    [
      'malformed text/plain JSON',
      { url: '/v1/t', headers: { 'content-type': 'text/plain' }, payload: '{"event":' },
      400,
      'TL_INVALID_JSON',
      '(body)',
    ],
    [
      'message over 32 KB',
      { url: '/v1/track', payload: { event: 'Big', userId: 'u-1', properties: { big } } },
      413,
      'TL_PAYLOAD_TOO_LARGE',
      undefined,
    ],
    [
      'batch over 500 KB',
      {
        url: '/v1/batch',
        payload: {
          batch: Array.from({ length: 20 }, () => ({
            type: 'track',
            event: 'Big',
            userId: 'u-1',
            properties: { big: 'x'.repeat(30 * 1024) },
          })),
        },
      },
      413,
      'TL_PAYLOAD_TOO_LARGE',
      undefined,
    ],
    [
      'no userId or anonymousId',
      { url: '/v1/track', payload: { event: 'Anonymous?' } },
      400,
      'TL_INVALID_FIELD',
      'userId',
    ],
    [
      'placeholder userId',
      { url: '/v1/identify', payload: { userId: 'undefined', traits: {} } },
      400,
      'TL_INVALID_FIELD',
      'userId',
    ],
    [
      'placeholder anonymousId',
      { url: '/v1/page', payload: { anonymousId: 'null' } },
      400,
      'TL_INVALID_FIELD',
      'anonymousId',
    ],
    [
      'alias without previousId',
      { url: '/v1/alias', payload: { userId: 'u-1' } },
      400,
      'TL_INVALID_FIELD',
      'previousId',
    ],
    [
      'group without groupId',
      { url: '/v1/group', payload: { userId: 'u-1' } },
      400,
      'TL_INVALID_FIELD',
      'groupId',
    ],
    [
      'track without event',
      { url: '/v1/track', payload: { userId: 'u-1' } },
      400,
      'TL_INVALID_FIELD',
      'event',
    ],
    [
      'typed track with bad properties',
      {
        url: '/v1/track',
        payload: {
          event: 'order.completed',
          userId: 'u-1',
          properties: { orderId: 'o-1', amount: 'lots', currency: 'EUR' },
        },
      },
      400,
      'TL_INVALID_FIELD',
      'properties.amount',
    ],
    [
      'bad timestamp',
      { url: '/v1/track', payload: { event: 'x', userId: 'u-1', timestamp: 'yesterday' } },
      400,
      'TL_INVALID_FIELD',
      'timestamp',
    ],
    ['empty batch', { url: '/v1/batch', payload: { batch: [] } }, 400, 'TL_INVALID_FIELD', 'batch'],
    [
      'wrong key',
      { url: '/v1/track', headers: basic('tl_nope'), payload: { event: 'x', userId: 'u-1' } },
      401,
      'TL_UNAUTHORIZED',
      undefined,
    ],
    [
      'no key',
      { url: '/v1/t', headers: { authorization: '' }, payload: { event: 'x', userId: 'u-1' } },
      401,
      'TL_UNAUTHORIZED',
      undefined,
    ],
  ];

  it.each(cases)('%s', async (_name, request, status, code, field) => {
    const before = (await everything()).length;
    const response = await app.inject({
      method: 'POST',
      url: request.url,
      headers: { 'content-type': 'application/json', ...basic(writeKey), ...request.headers },
      payload:
        typeof request.payload === 'string' ? request.payload : JSON.stringify(request.payload),
    });
    expect(response.statusCode).toBe(status);
    const body = response.json<{ error: { code: string; field?: string } }>();
    expect(body.error.code).toBe(code);
    expect(body.error.field).toBe(field);
    expect(await everything()).toHaveLength(before);
  });

  it('a read key gets 403', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: basic(readKey),
      payload: { event: 'x', userId: 'u-1' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'TL_FORBIDDEN' } });
  });

  it('a batch with some bad messages: 207, per-message results, only the good ones stored', async () => {
    const good = [randomUUID(), randomUUID()];
    const bad = randomUUID();
    const before = (await everything()).length;
    const response = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: basic(writeKey),
      payload: {
        batch: [
          { type: 'track', event: 'Good', userId: 'u-207', messageId: good[0] },
          { type: 'track', event: 'Bad', userId: 'undefined', messageId: bad },
          {
            type: 'track',
            event: 'order.completed',
            userId: 'u-207',
            messageId: bad,
            properties: { orderId: 'o-1', amount: -5, currency: 'EUR' },
          },
          { type: 'tracking', event: 'Bad', userId: 'u-207', messageId: bad },
          { type: 'track', event: 'Big', userId: 'u-207', properties: { big } },
          { type: 'identify', userId: 'u-207', anonymousId: 'a-207', messageId: good[1] },
        ],
      },
    });
    expect(response.statusCode).toBe(207);
    const body = response.json<{
      success: boolean;
      accepted: number;
      rejected: number;
      results: { index: number; status: string; code?: string; field?: string }[];
    }>();
    expect(body).toMatchObject({ success: true, accepted: 2, rejected: 4 });
    expect(body.results.map((r) => [r.index, r.status, r.code, r.field])).toEqual([
      [0, 'accepted', undefined, undefined],
      [1, 'rejected', 'TL_INVALID_FIELD', 'batch[1].userId'],
      [2, 'rejected', 'TL_INVALID_FIELD', 'batch[2].properties.amount'],
      [3, 'rejected', 'TL_INVALID_FIELD', 'batch[3].type'],
      [4, 'rejected', 'TL_PAYLOAD_TOO_LARGE', 'batch[4]'],
      [5, 'accepted', undefined, undefined],
    ]);
    const stored = (await everything()).slice(before);
    // The track, the identify and its identity.linked fact.
    expect(stored.map((e) => e.type)).toEqual([
      'segment.track',
      'segment.identify',
      'identity.linked',
    ]);
    expect(await byId(touchpointId(bad))).toBeUndefined();
  });

  it('a batch with only bad messages: 400 with the per-message results, nothing stored', async () => {
    const before = (await everything()).length;
    const response = await app.inject({
      method: 'POST',
      url: '/v1/b',
      headers: basic(writeKey),
      payload: {
        batch: [
          { type: 'track', event: 'x' },
          { type: 'alias', userId: 'u-1' },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      success: false,
      accepted: 0,
      rejected: 2,
      results: [
        { index: 0, status: 'rejected', field: 'batch[0].userId' },
        { index: 1, status: 'rejected', field: 'batch[1].previousId' },
      ],
    });
    expect(await everything()).toHaveLength(before);
  });
});
