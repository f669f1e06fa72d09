import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@touchline/runtime';
import { tempDir } from '@touchline/testing';
import { startPlatform, type RunningPlatform } from './startPlatform.ts';

// GET /v1/worklist through the real HTTP stack, embedded engines (PGlite + chdb) in this process.
const data = tempDir('tl-worklist-');
const root = randomBytes(24).toString('hex');
let platform: RunningPlatform;
type Keys = Record<'write' | 'read' | 'admin', string>;
let a: Keys;
let b: Keys;

interface Item {
  customerId: string;
  score: number;
  valueAtRisk: number;
  stage: string | null;
  reasons: { signal: string; explanation: string; evidenceEventIds: string[] }[];
}
interface Body {
  items?: Item[];
  nextCursor?: string | null;
  customer?: { churn: { open: boolean; reasons: Item['reasons'] } | null };
  keys?: { kind: string; token: string }[];
  error?: { code: string; field?: string };
}

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Body };
};

const createProject = async (projectId: string): Promise<Keys> => {
  const created = await call('POST', '/v1/projects', root, { projectId });
  expect(created.status).toBe(201);
  return Object.fromEntries(created.body.keys!.map((k) => [k.kind, k.token])) as Keys;
};

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const order = (userId: string, ago: number, amount: number) => ({
  type: 'order.placed',
  channel: 'web',
  userId,
  occurredAt: daysAgo(ago),
  data: { orderId: `${userId}-${ago}`, amount, currency: 'EUR' },
});

const worklist = async (token: string, query = '') => call('GET', `/v1/worklist${query}`, token);

beforeAll(async () => {
  platform = await startPlatform(
    loadConfig({ TL_DATA_DIR: data.path, TL_HTTP_PORT: '0', TL_ROOT_TOKEN: root }),
    createLogger('silent'),
  );
  a = await createProject('wl_a');
  b = await createProject('wl_b');
  // Silent customers (one order 120+ days ago: past the 90-day default silence), different values.
  for (const [user, amount] of [
    ['s-1', 300],
    ['s-2', 100],
    ['s-3', 200],
  ] as const) {
    expect((await call('POST', '/v1/touchpoints', a.write, order(user, 150, amount))).status).toBe(
      201,
    );
  }
  // A detractor with a recent order.
  await call('POST', '/v1/touchpoints', a.write, order('d-1', 5, 50));
  await call('POST', '/v1/touchpoints', a.write, {
    type: 'survey.answered',
    channel: 'email',
    userId: 'd-1',
    occurredAt: daysAgo(2),
    data: { kind: 'nps', score: 2 },
  });
  for (let i = 0; i < 200; i++) {
    const { body } = await worklist(a.read);
    if ((body.items?.length ?? 0) >= 3) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 60_000);
afterAll(async () => {
  await platform?.stop();
  data.remove();
});

describe('GET /v1/worklist', () => {
  it('lists open warnings by value at risk, with reasons, explanations and evidence', async () => {
    const { status, body } = await worklist(a.read);
    expect(status).toBe(200);
    expect(body.items!.map((i) => i.customerId)).toEqual(['s-1', 's-3', 's-2']);
    const [top] = body.items!;
    expect(top).toMatchObject({ score: 0.35, valueAtRisk: 0.35 * 300 });
    expect(top!.reasons).toEqual([
      {
        signal: 'silence',
        explanation: expect.stringMatching(
          /^No purchase for 150 days, longer than the default/,
        ) as unknown,
        evidenceEventIds: [expect.any(String)] as unknown,
      },
    ]);
    // The NPS detractor alone scores 0.15, under the default raiseAt 0.3: not listed.
    expect(body.items!.map((i) => i.customerId)).not.toContain('d-1');
  });

  it('pages with a cursor and filters by reason, stage, segment and minScore', async () => {
    const first = await worklist(a.read, '?limit=2');
    expect(first.body.items!.map((i) => i.customerId)).toEqual(['s-1', 's-3']);
    const second = await worklist(a.read, `?limit=2&cursor=${first.body.nextCursor!}`);
    expect(second.body.items!.map((i) => i.customerId)).toEqual(['s-2']);
    expect(second.body.nextCursor).toBeNull();
    expect((await worklist(a.read, '?reason=silence')).body.items).toHaveLength(3);
    expect((await worklist(a.read, '?reason=lowCsat')).body.items).toEqual([]);
    expect((await worklist(a.read, '?minScore=0.5')).body.items).toEqual([]);
    const stages = (await worklist(a.read, '?stage=at_risk')).body.items!;
    expect(stages.map((i) => i.customerId).sort()).toEqual(['s-1', 's-2', 's-3']);
    expect((await worklist(a.read, '?segment=no_orders')).body.items).toEqual([]);
  });

  it('refuses unknown parameters and bad values, naming the field', async () => {
    for (const [query, field] of [
      ['?limit=501', 'limit'],
      ['?reason=bored', 'reason'],
      ['?minScore=2', 'minScore'],
      ['?stage=gone', 'stage'],
      ['?sort=score', 'sort'],
      ['?cursor=nope', 'cursor'],
    ] as const) {
      const { status, body } = await worklist(a.read, query);
      expect(status, query).toBe(400);
      expect(body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field });
    }
  });

  it("another project's read key sees none of it; a write key is refused", async () => {
    const other = await worklist(b.read);
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    expect((await worklist(a.write)).status).toBe(403);
  });

  it('the customer 360 view shows the warning', async () => {
    const { body } = await call('GET', '/v1/customers/s-1', a.read);
    expect(body.customer!.churn).toMatchObject({
      open: true,
      reasons: [expect.objectContaining({ signal: 'silence' })],
    });
  });
});
