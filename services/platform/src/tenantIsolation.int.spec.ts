import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@touchline/runtime';
import { tempDir } from '@touchline/testing';
import { startPlatform, type RunningPlatform } from './startPlatform.ts';

// Keys and tenants through the real HTTP stack, embedded engines (PGlite + chdb) in this process.
const data = tempDir('tl-tenants-');
const root = randomBytes(24).toString('hex');
let platform: RunningPlatform;
type Keys = Record<'write' | 'read' | 'admin', string>;
let a: Keys;
let b: Keys;

interface Body {
  events?: unknown[];
  keys?: { keyId: string; kind: string; token: string }[];
  keyId?: string;
  token?: string;
  error?: { code: string };
}

const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : {}) as Body,
  };
};

const createProject = async (projectId: string): Promise<Keys> => {
  const created = await call('POST', '/v1/projects', root, { projectId });
  expect(created.status).toBe(201);
  return Object.fromEntries(
    (created.body.keys as { kind: string; token: string }[]).map((k) => [k.kind, k.token]),
  ) as Keys;
};

const touchpoint = (userId: string) => ({
  type: 'page.viewed',
  channel: 'web',
  userId,
  data: { path: '/' },
});

beforeAll(async () => {
  const config = loadConfig({
    TL_DATA_DIR: data.path,
    TL_HTTP_PORT: '0',
    TL_ROOT_TOKEN: root,
  });
  platform = await startPlatform(config, createLogger('silent'));
  a = await createProject('tenant_a');
  b = await createProject('tenant_b');
});
afterAll(async () => {
  await platform?.stop();
  data.remove();
});

describe('keys and tenants', () => {
  it('first start created the bootstrap project with a key of each kind', () => {
    expect(platform.bootstrapKeys?.map((k) => [k.projectId, k.kind])).toEqual([
      ['default', 'write'],
      ['default', 'read'],
      ['default', 'admin'],
    ]);
  });

  it("a write key appends to its own project only: the other project's read key sees nothing", async () => {
    const user = `u-${randomUUID()}`;
    expect((await call('POST', '/v1/touchpoints', a.write, touchpoint(user))).status).toBe(201);
    let own: Body = {};
    for (let i = 0; i < 80 && !((own.events?.length ?? 0) > 0); i++) {
      own = (await call('GET', `/v1/customers/${user}/timeline`, a.read)).body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(own.events).toHaveLength(1);
    const other = await call('GET', `/v1/customers/${user}/timeline`, b.read);
    expect(other.status).toBe(200);
    expect(other.body.events).toEqual([]);
  });

  it('a read key cannot write, a write key cannot read, an admin key does neither', async () => {
    expect(await call('POST', '/v1/touchpoints', a.read, touchpoint('x'))).toMatchObject({
      status: 403,
      body: { error: { code: 'TL_FORBIDDEN' } },
    });
    expect(await call('GET', '/v1/customers/x/timeline', a.write)).toMatchObject({
      status: 403,
      body: { error: { code: 'TL_FORBIDDEN' } },
    });
    expect((await call('POST', '/v1/touchpoints', a.admin, touchpoint('x'))).status).toBe(403);
  });

  it('no key or an unknown key is 401', async () => {
    expect(await call('POST', '/v1/touchpoints', undefined, touchpoint('x'))).toMatchObject({
      status: 401,
      body: { error: { code: 'TL_UNAUTHORIZED' } },
    });
    expect(
      (
        await call(
          'POST',
          '/v1/touchpoints',
          `tl_w_000000000000_${'A'.repeat(43)}`,
          touchpoint('x'),
        )
      ).status,
    ).toBe(401);
  });

  it("one project's admin key cannot see or touch another project's keys", async () => {
    expect((await call('GET', '/v1/projects/tenant_b/keys', a.admin)).status).toBe(403);
    const keyId = (await call('GET', '/v1/projects/tenant_a/keys', a.admin)).body.keys![0]!.keyId;
    expect((await call('DELETE', `/v1/projects/tenant_b/keys/${keyId}`, b.admin)).status).toBe(404);
    expect((await call('POST', '/v1/projects', a.admin, { projectId: 'sneaky' })).status).toBe(403);
  });

  it('a revoked key stops working; a rotated key works at once', async () => {
    const extra = await call('POST', '/v1/projects/tenant_a/keys', a.admin, {
      kind: 'read',
      label: 'dashboard',
    });
    expect(extra.status).toBe(201);
    const rotated = await call(
      'POST',
      `/v1/projects/tenant_a/keys/${extra.body.keyId!}/rotate`,
      a.admin,
      { graceSeconds: 0 },
    );
    expect(rotated.status).toBe(201);
    expect((await call('GET', '/v1/customers/x/timeline', rotated.body.token)).status).toBe(200);
    expect(
      (await call('DELETE', `/v1/projects/tenant_a/keys/${rotated.body.keyId!}`, a.admin)).status,
    ).toBe(204);
    expect((await call('GET', '/v1/customers/x/timeline', rotated.body.token)).status).toBe(401);
  });

  it('over its rate a key gets 429 with Retry-After, and nothing of the refused requests lands', async () => {
    const user = `burst-${randomUUID()}`;
    // A key of its own at 1 request/s (burst 2): a dozen quick requests must meet the limit
    // unless they took over ten seconds.
    const slow = await call('POST', '/v1/projects/tenant_b/keys', b.admin, {
      kind: 'write',
      rateLimit: 1,
    });
    expect(slow.status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        call('POST', '/v1/touchpoints', slow.body.token, touchpoint(user)),
      ),
    );
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.body).toMatchObject({ error: { code: 'TL_RATE_LIMITED' } });
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const accepted = answers.filter((r) => r.status === 201).length;
    let seen = 0;
    for (let i = 0; i < 80 && seen < accepted; i++) {
      seen = (
        (await call('GET', `/v1/customers/${user}/timeline?limit=1000`, b.read)).body
          .events as unknown[]
      ).length;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seen).toBe(accepted);
  });
});
