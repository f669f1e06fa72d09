import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStore, START, type OpenedEventStore } from '@touchline/event-store';
import { getAccessStore } from '@touchline/access';
import { createAuthenticator, createLogger, httpApp } from '@touchline/runtime';
import { ingestRoutes } from './ingestRoutes.ts';

let store: OpenedEventStore;
let app: FastifyInstance;
let auth: { authorization: string };

beforeAll(async () => {
  store = await openEventStore({ kind: 'pglite' });
  const access = await getAccessStore(store.sql);
  await access.createProject('acme');
  auth = { authorization: `Bearer ${(await access.issueKey('acme', 'write')).token}` };
  app = httpApp(createLogger('silent'));
  const authenticate = createAuthenticator(access, {
    rateLimits: { write: 10_000, read: 10_000, admin: 10 },
  });
  await app.register(ingestRoutes, { store: store.store, authenticate, source: 'test' });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.store.close();
});

const everything = async () => (await store.store.readAll({ after: START, limit: 100_000 })).events;

describe('POST /v1/touchpoints (PGlite store)', () => {
  it('appends a valid touchpoint to the customer stream and answers 201 after the append', async () => {
    const id = randomUUID();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/touchpoints',
      headers: auth,
      payload: {
        id,
        type: 'order.placed',
        channel: 'store',
        userId: 'c-42',
        data: { orderId: 'o-1', amount: 12.5, currency: 'EUR' },
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id, streamId: 'customer-acme-c-42', duplicate: false });
    const [stored] = await store.store.readStream('customer-acme-c-42');
    expect(stored).toMatchObject({
      id,
      type: 'order.placed',
      data: { channel: 'store', data: { amount: 12.5 } },
    });
  });

  it('a retry with the same id answers 200 duplicate and stores nothing new', async () => {
    const payload = {
      id: randomUUID(),
      type: 'page.viewed',
      channel: 'web',
      anonymousId: 'v-1',
      data: { path: '/pricing' },
    };
    await app.inject({ method: 'POST', url: '/v1/touchpoints', headers: auth, payload });
    const before = (await everything()).length;
    const again = await app.inject({
      method: 'POST',
      url: '/v1/touchpoints',
      headers: auth,
      payload,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true });
    expect(await everything()).toHaveLength(before);
  });

  describe('bad input: a 4xx with a stable code naming the field, and nothing stored', () => {
    const valid = {
      type: 'order.placed',
      channel: 'web',
      userId: 'u-1',
      data: { orderId: 'o-1', amount: 5, currency: 'EUR' },
    };
    const cases: [string, string | object, number, string, string | undefined][] = [
      ['unknown channel', { ...valid, channel: 'fax' }, 400, 'TL_INVALID_FIELD', 'channel'],
      ['missing type', { channel: 'web', userId: 'u-1' }, 400, 'TL_INVALID_FIELD', 'type'],
      [
        'no customer id',
        { type: 'order.placed', channel: 'web' },
        400,
        'TL_INVALID_FIELD',
        'userId',
      ],
      ['placeholder user id', { ...valid, userId: 'undefined' }, 400, 'TL_INVALID_FIELD', 'userId'],
      [
        'bad timestamp',
        { ...valid, occurredAt: '31/12/2026' },
        400,
        'TL_INVALID_FIELD',
        'occurredAt',
      ],
      ['data not an object', { ...valid, data: 'hello' }, 400, 'TL_INVALID_FIELD', 'data'],
      ['unknown field', { ...valid, amount: 5 }, 400, 'TL_INVALID_FIELD', 'amount'],
      [
        'catalogue data field',
        { ...valid, data: { ...valid.data, currency: 'euro' } },
        400,
        'TL_INVALID_FIELD',
        'data.currency',
      ],
      [
        'type neither catalogue nor custom.*',
        { ...valid, type: 'webinar.attended' },
        400,
        'TL_INVALID_FIELD',
        'type',
      ],
      ['wrong type of type', { ...valid, type: 42 }, 400, 'TL_INVALID_FIELD', 'type'],
      [
        'injection in type',
        { ...valid, type: "x'); DROP TABLE tl_events; --" },
        400,
        'TL_INVALID_FIELD',
        'type',
      ],
      ['malformed JSON', '{"type": "order.placed",', 400, 'TL_INVALID_JSON', '(body)'],
      ['JSON array', '[]', 400, 'TL_INVALID_FIELD', '(body)'],
      [
        'oversized',
        { ...valid, data: { blob: 'x'.repeat(40 * 1024) } },
        413,
        'TL_PAYLOAD_TOO_LARGE',
        undefined,
      ],
    ];

    it.each(cases)('%s', async (_name, payload, status, code, field) => {
      const before = (await everything()).length;
      const response = await app.inject({
        method: 'POST',
        url: '/v1/touchpoints',
        headers: { ...auth, 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      expect(response.statusCode).toBe(status);
      const body = response.json<{ error: { code: string; field?: string } }>();
      expect(body.error.code).toBe(code);
      expect(body.error.field).toBe(field);
      expect(await everything()).toHaveLength(before);
    });

    it('a non-JSON content type gets 415', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/touchpoints',
        headers: { ...auth, 'content-type': 'application/xml' },
        payload: '<touchpoint/>',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ error: { code: 'TL_UNSUPPORTED_MEDIA_TYPE' } });
    });
  });
});

describe('POST /v1/touchpoints with { batch } (one transaction, an answer per item)', () => {
  const item = (userId: string, extra: Record<string, unknown> = {}) => ({
    type: 'page.viewed',
    channel: 'web',
    userId,
    data: { path: '/' },
    ...extra,
  });
  const postBatch = (batch: unknown[]) =>
    app.inject({ method: 'POST', url: '/v1/touchpoints', headers: auth, payload: { batch } });

  it('all valid: 200, every item accepted, and a re-sent item is a duplicate', async () => {
    const id = randomUUID();
    const users = [randomUUID(), randomUUID(), randomUUID()];
    const first = await postBatch([item(users[0]!, { id }), item(users[1]!), item(users[2]!)]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
    const again = await postBatch([item(users[0]!, { id })]);
    expect(again.json()).toMatchObject({
      accepted: 0,
      duplicates: 1,
      results: [{ index: 0, id, status: 'duplicate' }],
    });
  });

  it('some invalid: 207, the invalid ones rejected naming batch[i].field, the valid ones stored', async () => {
    const good = `good-${randomUUID()}`;
    const bad = `bad-${randomUUID()}`;
    const before = (await everything()).length;
    const response = await postBatch([
      item(good),
      item(bad, { channel: 'fax' }),
      { type: 'survey.answered', channel: 'email', userId: bad, data: { kind: 'nps', score: 11 } },
      item(good),
    ]);
    expect(response.statusCode).toBe(207);
    const body = response.json<{
      results: { index: number; status: string; field?: string; code?: string }[];
    }>();
    expect(body.results.map((r) => [r.index, r.status, r.field])).toEqual([
      [0, 'accepted', undefined],
      [1, 'rejected', 'batch[1].channel'],
      [2, 'rejected', 'batch[2].data.score'],
      [3, 'accepted', undefined],
    ]);
    const stored = (await everything()).slice(before);
    expect(stored).toHaveLength(2);
    expect(stored.some((e) => JSON.stringify(e.data).includes(bad))).toBe(false);
  });

  it('all invalid: 400 and nothing stored', async () => {
    const before = (await everything()).length;
    const response = await postBatch([item('null'), item('u', { type: 'nonsense' })]);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ rejected: 2, accepted: 0 });
    expect(await everything()).toHaveLength(before);
  });

  it('an empty or oversized batch is refused as a whole', async () => {
    expect((await postBatch([])).json()).toMatchObject({
      error: { code: 'TL_INVALID_FIELD', field: 'batch' },
    });
    const tooMany = await postBatch(Array.from({ length: 501 }, (_, i) => item(`u${i}`)));
    expect(tooMany.json()).toMatchObject({ error: { code: 'TL_INVALID_FIELD', field: 'batch' } });
    const tooBig = await postBatch(
      Array.from({ length: 20 }, (_, i) =>
        item(`u${i}`, { data: { path: '/', blob: 'x'.repeat(30_000) } }),
      ),
    );
    expect(tooBig.statusCode).toBe(413);
  });
});
