import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStore, START, type OpenedEventStore } from '@touchline/event-store';
import { createLogger, httpApp } from '@touchline/runtime';
import { ingestRoutes } from './ingestRoutes.ts';

let store: OpenedEventStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await openEventStore({ kind: 'pglite' });
  app = httpApp(createLogger('silent'));
  await app.register(ingestRoutes, {
    store: store.store,
    resolveProject: () => 'acme',
    source: 'test',
  });
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
      payload: {
        id,
        type: 'order.placed',
        channel: 'store',
        userId: 'c-42',
        data: { amount: 12.5 },
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
    const payload = { id: randomUUID(), type: 'page.viewed', channel: 'web', anonymousId: 'v-1' };
    await app.inject({ method: 'POST', url: '/v1/touchpoints', payload });
    const before = (await everything()).length;
    const again = await app.inject({ method: 'POST', url: '/v1/touchpoints', payload });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true });
    expect(await everything()).toHaveLength(before);
  });

  describe('bad input: a 4xx with a stable code naming the field, and nothing stored', () => {
    const valid = { type: 'order.placed', channel: 'web', userId: 'u-1' };
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
        headers: { 'content-type': 'application/json' },
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
        headers: { 'content-type': 'application/xml' },
        payload: '<touchpoint/>',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ error: { code: 'TL_UNSUPPORTED_MEDIA_TYPE' } });
    });
  });
});
