import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig } from '@touchline/runtime';
import { tempDir } from '@touchline/testing';
import { startPlatform, type RunningPlatform } from './startPlatform.ts';

// Funnel, retention and paths answers through the real HTTP stack (PGlite + chdb in this process)
// checked against a plain TypeScript computation over the events the test generated.
const data = tempDir('tl-analytics-');
const root = randomBytes(24).toString('hex');
let platform: RunningPlatform;
type Keys = Record<'write' | 'read' | 'admin', string>;
let a: Keys;
let b: Keys;

/** What the answers this test reads hold. */
interface Body {
  steps?: number[];
  timeToConvert?: { buckets: { upToSeconds: number; customers: number }[] };
  breakdown?: { value: string | null; steps: number[] }[];
  customer?: { touchpoints: number; stage?: { current: string | null } };
  cohorts?: { cohort: string; customers: number; returned: number[] }[];
  customers?: number;
  sequences?: { steps: string[]; customers: number }[];
  events?: { type: string }[];
  keys?: { kind: string; token: string }[];
  error?: { code: string; field?: string };
  openapi?: string;
  paths?: Record<
    string,
    {
      post: {
        requestBody: {
          content: Record<string, { schema: { properties: Record<string, unknown> } }>;
        };
      };
    }
  >;
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
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Body };
};

const createProject = async (projectId: string): Promise<Keys> => {
  const created = await call('POST', '/v1/projects', root, { projectId });
  expect(created.status).toBe(201);
  return Object.fromEntries(created.body.keys!.map((k) => [k.kind, k.token])) as Keys;
};

// ---- seeded generator of edge-case journeys ----
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.parse('2025-03-03T00:00:00Z'); // a Monday
const FROM = new Date(T0).toISOString();
const TO = new Date(T0 + 21 * DAY).toISOString();
const WINDOW = 2 * HOUR;

const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const random = mulberry32(20250303);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

interface Raw {
  key: string; // the key it is sent under (user id or anon:<id>)
  userId?: string;
  anonymousId?: string;
  type: string;
  channel: string;
  t: number;
  data: Record<string, unknown>;
}
const TYPES = ['custom.view', 'custom.signup', 'custom.cart', 'custom.buy', 'custom.help'];
const CHANNELS = ['web', 'app', 'email'];
const raw: Raw[] = [];
const merges = new Map<string, string>(); // anon key -> user id (identify sent later)

const event = (who: { userId?: string; anonymousId?: string }, type: string, t: number): Raw => ({
  key: who.userId ?? `anon:${who.anonymousId!}`,
  ...who,
  type,
  channel: pick(CHANNELS),
  t,
  data: {
    plan: pick(['free', 'pro']),
    amount: pick([10, 20, 20.5]),
    nested: { ok: random() < 0.5 },
  },
});

for (let c = 0; c < 70; c++) {
  const userId = `u-${c}`;
  const anonymous = c % 5 === 0; // starts anonymous, identified later
  const who = anonymous ? { anonymousId: `v-${c}` } : { userId };
  if (anonymous) merges.set(`anon:v-${c}`, userId);
  // Start somewhere from 3 days before the range to 2 days after; near midnight now and then.
  let t =
    T0 -
    3 * DAY +
    Math.floor(random() * 26) * DAY +
    (random() < 0.3 ? 23 * HOUR + 30 * MIN : Math.floor(random() * 20) * HOUR) +
    Math.floor(random() * 1000);
  const count = 3 + Math.floor(random() * 12);
  for (let i = 0; i < count; i++) {
    const roll = random();
    const gap =
      roll < 0.15
        ? 0 // a tie at the same millisecond
        : roll < 0.25
          ? WINDOW // exactly at the window boundary from the previous event
          : roll < 0.3
            ? WINDOW + 1
            : roll < 0.7
              ? Math.floor(random() * 40) * MIN
              : Math.floor(random() * 9) * DAY + Math.floor(random() * 3) * HOUR;
    t += gap;
    // Half of an anonymous customer's later events come under their user id (after identify).
    const under = anonymous && i > count / 2 ? { userId } : who;
    raw.push(event(under, pick(TYPES), t));
  }
}
// Two long journeys (400 events, minutes apart, many entries each): the funnel's per-customer
// work must stay exact on long arrays, not only on short ones.
const LONG = ['u-70', 'u-71'];
for (const c of [70, 71]) {
  let t = T0 + c * HOUR;
  for (let i = 0; i < 400; i++) {
    const roll = random();
    t += roll < 0.1 ? 0 : roll < 0.15 ? WINDOW : Math.floor(random() * 20) * MIN;
    raw.push(event({ userId: `u-${c}` }, pick(TYPES), t));
  }
}
// Late events: a few with earlier occurredAt sent last.
for (let i = 0; i < 15; i++) {
  const late = { ...pick(raw) };
  raw.push({ ...late, t: late.t - Math.floor(random() * 3) * HOUR, type: pick(TYPES) });
}
// Send order = store order = the tie order; shuffle a little so arrival differs from time order.
for (let i = raw.length - 1; i > 0; i--) {
  if (random() < 0.3) {
    const j = Math.floor(random() * (i + 1));
    [raw[i], raw[j]] = [raw[j]!, raw[i]!];
  }
}

// ---- the independent computation ----
interface Ev extends Raw {
  customer: string;
  pos: number;
}
const events: Ev[] = raw.map((r, pos) => ({ ...r, customer: merges.get(r.key) ?? r.key, pos }));
const journeys = new Map<string, Ev[]>();
for (const e of events) journeys.set(e.customer, [...(journeys.get(e.customer) ?? []), e]);
for (const list of journeys.values()) list.sort((x, y) => x.t - y.t || x.pos - y.pos);

interface Filter {
  type?: string;
  channel?: string;
  properties?: Record<string, string | number | boolean>;
}
const matches = (e: Ev, f: Filter) =>
  (f.type === undefined || e.type === f.type) &&
  (f.channel === undefined || e.channel === f.channel) &&
  Object.entries(f.properties ?? {}).every(
    ([path, value]) =>
      path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], e.data) ===
      value,
  );

const inRange = (t: number, from: string, to: string) =>
  t >= Date.parse(from) && t < Date.parse(to);

function referenceFunnel(
  steps: Filter[],
  order: string,
  windowMs: number,
  by?: (c: string, entry: Ev) => string | null,
) {
  const groups = new Map<string | null, { steps: number[]; ttc: number[] }>();
  const total = { steps: steps.map(() => 0), ttc: [] as number[] };
  for (const [customer, all] of journeys) {
    const evs = all.filter((e) =>
      inRange(e.t, FROM, new Date(Date.parse(TO) + windowMs).toISOString()),
    );
    const relevant = order === 'strict' ? evs : evs.filter((e) => steps.some((s) => matches(e, s)));
    let best: { level: number; ttc: number; entry: Ev } | undefined;
    relevant.forEach((entry, i) => {
      if (!matches(entry, steps[0]!) || !inRange(entry.t, FROM, TO)) return;
      let level = 1;
      let last = entry.t;
      const within = (e: Ev) => e.t <= entry.t + windowMs;
      if (order === 'any') {
        for (let k = 1; k < steps.length; k++) {
          const hit = relevant.slice(i + 1).find((e) => within(e) && matches(e, steps[k]!));
          if (!hit) break;
          level++;
          last = Math.max(last, hit.t);
        }
      } else {
        for (const e of relevant.slice(i + 1)) {
          if (level === steps.length || !within(e)) break;
          if (matches(e, steps[level]!)) {
            level++;
            last = e.t;
          } else if (order === 'strict') break;
        }
      }
      if (!best || level > best.level) best = { level, ttc: last - entry.t, entry };
    });
    if (!best) continue;
    const key = by ? by(customer, best.entry) : null;
    const group = groups.get(key) ?? { steps: steps.map(() => 0), ttc: [] };
    groups.set(key, group);
    for (const g of [group, total]) {
      for (let k = 0; k < best.level; k++) g.steps[k]!++;
      if (best.level === steps.length) g.ttc.push(best.ttc);
    }
  }
  return { total, groups };
}

const buckets = (ttc: number[], edgesSeconds: number[]) =>
  edgesSeconds.map((edge, i) => ({
    upToSeconds: edge,
    customers: ttc.filter((x) => x <= edge * 1000 && (i === 0 || x > edgesSeconds[i - 1]! * 1000))
      .length,
  }));

// ---- the platform ----
beforeAll(async () => {
  const config = loadConfig({ TL_DATA_DIR: data.path, TL_HTTP_PORT: '0', TL_ROOT_TOKEN: root });
  platform = await startPlatform(config, createLogger('silent'));
  a = await createProject('analytics_a');
  b = await createProject('analytics_b');
  for (let i = 0; i < raw.length; i += 200) {
    const batch = raw.slice(i, i + 200).map((r) => ({
      type: r.type,
      channel: r.channel,
      ...(r.userId ? { userId: r.userId } : { anonymousId: r.anonymousId }),
      occurredAt: new Date(r.t).toISOString(),
      data: r.data,
    }));
    const sent = await call('POST', '/v1/touchpoints', a.write, { batch });
    expect(sent.status).toBeLessThan(300);
  }
  // Identify far after every range asked about, so its own timeline row never counts.
  for (const [anon, userId] of merges) {
    const answer = await call('POST', '/v1/identify', a.write, {
      userId,
      anonymousId: anon.slice('anon:'.length),
      timestamp: new Date(T0 + 400 * DAY).toISOString(),
    });
    expect(answer.status).toBe(200);
  }
  // Project B: one customer with a full funnel, so A must not see it.
  await call('POST', '/v1/touchpoints', b.write, {
    batch: ['custom.signup', 'custom.cart', 'custom.buy'].map((type, i) => ({
      type,
      channel: 'web',
      userId: 'b-only',
      occurredAt: new Date(T0 + DAY + i * MIN).toISOString(),
    })),
  });
  // Wait until every customer's unified timeline and profile are in.
  const expected = [...journeys].map(([customer, evs]) => [customer, evs.length] as const);
  for (let round = 0; round < 400; round++) {
    let ready = 0;
    for (const [customer, count] of expected) {
      const view = await call('GET', `/v1/customers/${customer}`, a.read);
      const timeline = await call('GET', `/v1/customers/${customer}/timeline?limit=1000`, a.read);
      const touch = timeline.body.events?.filter((e) => e.type.startsWith('custom.')).length;
      if (view.status === 200 && view.body.customer!.touchpoints >= count && touch === count)
        ready++;
      else break;
    }
    if (ready === expected.length) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  data.remove();
});

const STEPS: Filter[] = [
  { type: 'custom.signup' },
  { type: 'custom.cart' },
  { type: 'custom.buy' },
];
const REPEATED: Filter[] = [
  { type: 'custom.view' },
  { type: 'custom.cart' },
  { type: 'custom.view' },
];

describe('journey analytics equal an independent computation', () => {
  for (const order of ['sequential', 'strict', 'any'] as const) {
    for (const [name, steps] of [
      ['signup → cart → buy', STEPS],
      ['repeated view → cart → view', REPEATED],
    ] as const) {
      it(`funnel ${name}, ${order} order, window ${WINDOW / HOUR} h (inclusive)`, async () => {
        const edges = [60, 1800, WINDOW / 1000];
        const answer = await call('POST', '/v1/analytics/funnel', a.read, {
          from: FROM,
          to: TO,
          steps,
          windowSeconds: WINDOW / 1000,
          order,
          timeToConvertBucketsSeconds: edges,
        });
        expect(answer.status).toBe(200);
        const expected = referenceFunnel([...steps], order, WINDOW);
        expect(answer.body.steps).toEqual(expected.total.steps);
        expect(expected.total.steps[0]).toBeGreaterThan(5);
        expect(answer.body.timeToConvert!.buckets).toEqual(buckets(expected.total.ttc, edges));
      });
    }
  }

  it('funnel with property filters and a channel / first-touch / stage breakdown', async () => {
    const steps: Filter[] = [
      { type: 'custom.view', properties: { plan: 'pro' } },
      { type: 'custom.buy', properties: { amount: 20, 'nested.ok': true } },
    ];
    const windowMs = 7 * DAY;
    const firstChannel = (c: string) => journeys.get(c)![0]!.channel;
    const stages = new Map<string, string | null>();
    for (const c of journeys.keys())
      stages.set(
        c,
        ((await call('GET', `/v1/customers/${c}`, a.read)).body.customer?.stage?.current as
          string | null) ?? null,
      );
    for (const [breakdown, by] of [
      ['channel', (_c: string, entry: Ev) => entry.channel],
      ['firstChannel', (c: string) => firstChannel(c)],
      ['stage', (c: string) => stages.get(c) ?? null],
    ] as const) {
      const answer = await call('POST', '/v1/analytics/funnel', a.read, {
        from: FROM,
        to: TO,
        steps,
        windowSeconds: windowMs / 1000,
        breakdown,
      });
      expect(answer.status).toBe(200);
      const expected = referenceFunnel(steps, 'sequential', windowMs, by);
      expect(answer.body.steps).toEqual(expected.total.steps);
      const got = Object.fromEntries(
        (answer.body.breakdown as { value: string | null; steps: number[] }[]).map((g) => [
          String(g.value),
          g.steps,
        ]),
      );
      const want = Object.fromEntries([...expected.groups].map(([k, g]) => [String(k), g.steps]));
      expect(got, breakdown).toEqual(want);
    }
  });

  const zoned = (t: number, zone: string) => {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(t));
    return parts; // YYYY-MM-DD
  };
  const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
  const periodStart = (date: string, period: string) => {
    const d = new Date(`${date}T00:00:00Z`);
    if (period === 'month') return `${date.slice(0, 8)}01`;
    if (period === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  };
  const periodsBetween = (p: string, q: string, period: string) =>
    period === 'month'
      ? (Number(q.slice(0, 4)) - Number(p.slice(0, 4))) * 12 +
        Number(q.slice(5, 7)) -
        Number(p.slice(5, 7))
      : Math.floor((dayNumber(q) - dayNumber(p)) / (period === 'week' ? 7 : 1));

  for (const [period, periods, zone, start] of [
    ['day', 7, 'UTC', undefined],
    ['day', 5, 'Asia/Tokyo', { type: 'custom.signup' }],
    ['week', 3, 'America/New_York', undefined],
    ['month', 2, 'Europe/Berlin', { type: 'custom.view', channel: 'web' }],
  ] as const) {
    it(`retention by ${period} in ${zone}${start ? ' from a start event' : ''}`, async () => {
      const returnEvent = { type: 'custom.buy' };
      // Months need a longer range to hold more than one cohort.
      const [from, to] =
        period === 'month'
          ? ['2025-02-01T00:00:00+01:00', '2025-05-01T00:00:00+02:00']
          : [FROM, TO];
      const answer = await call('POST', '/v1/analytics/retention', a.read, {
        from,
        to,
        period,
        periods,
        timezone: zone,
        returnEvent,
        ...(start ? { start } : {}),
      });
      expect(answer.status).toBe(200);
      const cohorts = new Map<string, { customers: number; returned: number[] }>();
      for (const evs of journeys.values()) {
        const first = evs.find((e) => (start ? matches(e, start) : true));
        if (!first || !inRange(first.t, from, to)) continue;
        const cohort = periodStart(zoned(first.t, zone), period);
        const row = cohorts.get(cohort) ?? {
          customers: 0,
          returned: Array<number>(periods).fill(0),
        };
        cohorts.set(cohort, row);
        row.customers++;
        const back = new Set(
          evs
            .filter((e) => e.t > first.t && matches(e, returnEvent))
            .map((e) => periodsBetween(cohort, periodStart(zoned(e.t, zone), period), period)),
        );
        for (let k = 1; k <= periods; k++) if (back.has(k)) row.returned[k - 1]!++;
      }
      const want = [...cohorts]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([cohort, row]) => ({ cohort, ...row }));
      expect(answer.body.cohorts).toEqual(want);
      expect(want.length).toBeGreaterThan(1);
    });
  }

  for (const direction of ['next', 'previous'] as const) {
    it(`paths ${direction} from a cart`, async () => {
      const depth = 3;
      const answer = await call('POST', '/v1/analytics/paths', a.read, {
        from: FROM,
        to: TO,
        anchor: { type: 'custom.cart' },
        direction,
        depth,
        limit: 100,
      });
      expect(answer.status).toBe(200);
      const counts = new Map<string, number>();
      let customers = 0;
      for (const all of journeys.values()) {
        const evs = all.filter((e) => inRange(e.t, FROM, TO));
        const at = evs.findIndex((e) => e.type === 'custom.cart');
        if (at < 0) continue;
        customers++;
        const seq =
          direction === 'next'
            ? evs.slice(at + 1, at + 1 + depth)
            : evs.slice(Math.max(0, at - depth), at).reverse();
        const key = JSON.stringify(seq.map((e) => e.type));
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(answer.body.customers).toBe(customers);
      const got = Object.fromEntries(
        (answer.body.sequences as { steps: string[]; customers: number }[]).map((s) => [
          JSON.stringify(s.steps),
          s.customers,
        ]),
      );
      expect(got).toEqual(Object.fromEntries(counts));
    });
  }
});

describe('analytics API', () => {
  const funnel = { from: FROM, to: TO, steps: STEPS, windowSeconds: 3600 };
  it("a read key of project B sees nothing of project A's journeys, and A nothing of B's", async () => {
    const fromB = await call('POST', '/v1/analytics/funnel', b.read, funnel);
    expect(fromB.body.steps).toEqual([1, 1, 1]);
    const retention = await call('POST', '/v1/analytics/retention', b.read, { from: FROM, to: TO });
    expect(retention.body.cohorts!.map((c: { customers: number }) => c.customers)).toEqual([1]);
    const paths = await call('POST', '/v1/analytics/paths', b.read, {
      from: FROM,
      to: TO,
      anchor: { type: 'custom.signup' },
    });
    expect(paths.body.sequences).toEqual([{ steps: ['custom.cart', 'custom.buy'], customers: 1 }]);
    const fromA = await call('POST', '/v1/analytics/paths', a.read, {
      from: FROM,
      to: TO,
      anchor: { type: 'custom.signup' },
    });
    expect(JSON.stringify(fromA.body)).not.toContain('b-only');
    expect(fromA.body.customers).toBeGreaterThan(1);
  });

  it('lifecycle: stages per period end and the transition matrix equal the customers’ own histories', async () => {
    interface Step {
      at: string;
      from: string | null;
      to: string;
    }
    // A project of its own: customers with 1-5 orders at different rhythms, so their stages move
    // (first touch, first order, repeat purchases, silence) at many different instants.
    const c = await createProject('analytics_lifecycle');
    const orders = new Map<string, number>();
    const batch = [];
    for (let i = 0; i < 24; i++) {
      const customer = `lc-${i}`;
      const count = 1 + (i % 5);
      const gap = (5 + 9 * (i % 4)) * DAY + i * HOUR;
      orders.set(customer, count);
      batch.push({
        type: 'page.viewed',
        channel: 'web',
        userId: customer,
        occurredAt: new Date(T0 + i * DAY).toISOString(),
        data: { path: '/' },
      });
      for (let k = 0; k < count; k++)
        batch.push({
          type: 'order.placed',
          channel: 'web',
          userId: customer,
          occurredAt: new Date(T0 + i * DAY + HOUR + k * gap).toISOString(),
          data: { orderId: `${customer}-o${k}`, amount: 20 + k, currency: 'EUR' },
        });
    }
    expect((await call('POST', '/v1/touchpoints', c.write, { batch })).status).toBeLessThan(300);
    const histories = new Map<string, Step[]>();
    for (let round = 0; round < 300 && histories.size < orders.size; round++) {
      for (const [customer, count] of orders) {
        if (histories.has(customer)) continue;
        const view = (await call('GET', `/v1/customers/${customer}`, c.read)).body as unknown as {
          customer?: { orders: number; stage: { history: Step[] } };
        };
        if (view.customer?.orders === count) histories.set(customer, view.customer.stage.history);
      }
      if (histories.size < orders.size) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(histories.size).toBe(orders.size);
    expect(new Set([...histories.values()].flat().map((step) => step.to)).size).toBeGreaterThan(2);
    const from = Date.parse(FROM);
    const to = Date.parse(TO) + 300 * DAY;
    for (const period of ['week', 'month'] as const) {
      // Period starts in UTC: Mondays, or the 1st of the month, from the one holding `from`.
      const first = new Date(from);
      let start =
        period === 'week'
          ? Date.UTC(
              first.getUTCFullYear(),
              first.getUTCMonth(),
              first.getUTCDate() - ((first.getUTCDay() + 6) % 7),
            )
          : Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1);
      const expected: { start: string; at: string; stages: Record<string, number> }[] = [];
      while (start < to) {
        const d = new Date(start);
        const next =
          period === 'week'
            ? start + 7 * DAY
            : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        const at = Math.min(next, to);
        const stages: Record<string, number> = {};
        for (const history of histories.values()) {
          const last = history.filter((step) => Date.parse(step.at) < at).at(-1);
          if (last) stages[last.to] = (stages[last.to] ?? 0) + 1;
        }
        expected.push({
          start: d.toISOString().slice(0, 10),
          at: new Date(at).toISOString(),
          stages,
        });
        start = next;
      }
      const answer = await call('POST', '/v1/analytics/lifecycle', c.read, {
        from: FROM,
        to: new Date(to).toISOString(),
        period,
      });
      expect(answer.status).toBe(200);
      const body = answer.body as unknown as {
        periods: typeof expected;
        transitions: { from: string | null; to: string; transitions: number; customers: number }[];
      };
      expect(body.periods).toEqual(expected);
      const matrix = new Map<string, { transitions: number; customers: Set<string> }>();
      for (const [customer, history] of histories)
        for (const step of history) {
          const t = Date.parse(step.at);
          if (t < from || t >= to) continue;
          const key = `${step.from ?? ''}>${step.to}`;
          const cell = matrix.get(key) ?? { transitions: 0, customers: new Set<string>() };
          cell.transitions++;
          cell.customers.add(customer);
          matrix.set(key, cell);
        }
      const got = Object.fromEntries(
        body.transitions.map((t) => [`${t.from ?? ''}>${t.to}`, [t.transitions, t.customers]]),
      );
      expect(got).toEqual(
        Object.fromEntries([...matrix].map(([key, c]) => [key, [c.transitions, c.customers.size]])),
      );
    }
    // Project B's one customer is all B sees, and bad input names the field.
    const bad = await call('POST', '/v1/analytics/lifecycle', c.read, { from: TO, to: FROM });
    expect(bad.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'to' });
    const other = await call('POST', '/v1/analytics/lifecycle', b.read, { from: FROM, to: TO });
    const stagesOfB = (
      other.body as unknown as { periods: { stages: Record<string, number> }[] }
    ).periods.at(-1)!.stages;
    expect(Object.values(stagesOfB).reduce((x, y) => x + y, 0)).toBe(1);
  });

  it('service KPIs per week and channel equal the cases’ own figures and the surveys sent', async () => {
    const d = await createProject('analytics_service');
    const CH = ['phone', 'chat', 'email'];
    const batch: Record<string, unknown>[] = [];
    const surveys: { t: number; channel: string; kind: 'csat' | 'nps'; score: number }[] = [];
    for (let j = 0; j < 12; j++) {
      const userId = `s-${j}`;
      const caseId = `case-${j}`;
      const channel = CH[j % 3]!;
      const opened = T0 + (j % 2) * 7 * DAY + j * HOUR;
      const tp = (type: string, t: number, data: Record<string, unknown>) =>
        batch.push({ type, channel, userId, occurredAt: new Date(t).toISOString(), data });
      tp('case.opened', opened, { caseId, kind: j % 4 === 0 ? 'complaint' : 'inquiry' });
      if (j < 11)
        tp('case.first_response', opened + (5 + 10 * j) * MIN, { caseId, responderType: 'agent' });
      if (j < 9)
        tp('case.resolved', opened + (1 + j) * HOUR, { caseId, contactCount: 1 + (j % 2) });
      if (j === 4) {
        tp('case.reopened', opened + 6 * HOUR, { caseId });
        tp('case.resolved', opened + 30 * HOUR, { caseId, contactCount: 3 });
      }
      const answered = opened + 2 * DAY;
      const survey =
        j < 8
          ? { kind: 'csat' as const, score: 1 + (j % 5) }
          : { kind: 'nps' as const, score: (j * 3) % 11 };
      surveys.push({ t: answered, channel, ...survey });
      tp('survey.answered', answered, { ...survey, caseId, trigger: 'post_case' });
    }
    expect((await call('POST', '/v1/touchpoints', d.write, { batch })).status).toBeLessThan(300);

    interface CaseFigures {
      openedAt: string;
      channel: string;
      resolvedAt: string | null;
      firstResponseSeconds: number | null;
      fullResolutionSeconds: number | null;
      firstContactResolution: boolean | null;
      firstResponseBreached: boolean;
      resolutionBreached: boolean;
    }
    const cases = new Map<string, CaseFigures>();
    for (let round = 0; round < 300 && cases.size < 12; round++) {
      for (let j = 0; j < 12; j++) {
        const view = (await call('GET', `/v1/customers/s-${j}`, d.read)).body as unknown as {
          customer?: { cases: CaseFigures[] };
        };
        const own = view.customer?.cases[0];
        if (
          own &&
          (j >= 9 ||
            (own.resolvedAt !== null && (j !== 4 || own.fullResolutionSeconds! > 20 * 3600)))
        )
          cases.set(`s-${j}`, own);
      }
      if (cases.size < 12) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(cases.size).toBe(12);

    const week = (t: number) => {
      const day = new Date(t);
      return new Date(
        Date.UTC(
          day.getUTCFullYear(),
          day.getUTCMonth(),
          day.getUTCDate() - ((day.getUTCDay() + 6) % 7),
        ),
      )
        .toISOString()
        .slice(0, 10);
    };
    const exact = (values: number[]) => {
      const sorted = [...values].sort((x, y) => x - y);
      return sorted.length === 0
        ? null
        : {
            p50Seconds: sorted[Math.floor(0.5 * sorted.length)]!,
            p90Seconds: sorted[Math.floor(0.9 * sorted.length)]!,
          };
    };
    const expected = new Map<string, Record<string, unknown>>();
    const groups = new Set<string>();
    for (const c of cases.values())
      groups
        .add(`${week(Date.parse(c.openedAt))}|${c.channel}`)
        .add(`${week(Date.parse(c.openedAt))}|`);
    for (const sv of surveys) groups.add(`${week(sv.t)}|${sv.channel}`).add(`${week(sv.t)}|`);
    for (const group of groups) {
      const [period, channel] = group.split('|') as [string, string];
      const inGroup = [...cases.values()].filter(
        (c) => week(Date.parse(c.openedAt)) === period && (channel === '' || c.channel === channel),
      );
      const fcr = inGroup.filter((c) => c.firstContactResolution !== null);
      const answers = surveys.filter(
        (sv) => week(sv.t) === period && (channel === '' || sv.channel === channel),
      );
      const csat = answers.filter((sv) => sv.kind === 'csat');
      const nps = answers.filter((sv) => sv.kind === 'nps');
      expected.set(group, {
        period,
        channel: channel === '' ? null : channel,
        cases: inGroup.length,
        firstResponse: exact(
          inGroup.flatMap((c) => (c.firstResponseSeconds === null ? [] : [c.firstResponseSeconds])),
        ),
        resolution: exact(
          inGroup.flatMap((c) =>
            c.fullResolutionSeconds === null ? [] : [c.fullResolutionSeconds],
          ),
        ),
        firstContactResolutionRate:
          fcr.length === 0 ? null : fcr.filter((c) => c.firstContactResolution).length / fcr.length,
        slaBreachRate:
          inGroup.length === 0
            ? null
            : inGroup.filter((c) => c.firstResponseBreached || c.resolutionBreached).length /
              inGroup.length,
        csat:
          csat.length === 0
            ? null
            : {
                responses: csat.length,
                average: csat.reduce((x, sv) => x + sv.score, 0) / csat.length,
                satisfiedShare: csat.filter((sv) => sv.score >= 4).length / csat.length,
              },
        nps:
          nps.length === 0
            ? null
            : {
                responses: nps.length,
                score:
                  (100 *
                    (nps.filter((sv) => sv.score >= 9).length -
                      nps.filter((sv) => sv.score <= 6).length)) /
                  nps.length,
              },
      });
    }
    const answer = await call('POST', '/v1/analytics/service', d.read, {
      from: FROM,
      to: new Date(T0 + 28 * DAY).toISOString(),
      period: 'week',
    });
    expect(answer.status).toBe(200);
    const rows = (answer.body as unknown as { rows: Record<string, unknown>[] }).rows;
    const got = new Map(
      rows.map((row) => [`${String(row.period)}|${(row.channel as string | null) ?? ''}`, row]),
    );
    expect(new Set(got.keys())).toEqual(new Set(expected.keys()));
    for (const [group, want] of expected) expect(got.get(group), group).toEqual(want);
    // The figures are not all trivial: some breaches, some second contacts, both surveys.
    const total = [...expected.values()].filter((row) => row.channel === null);
    expect(total.some((row) => (row.slaBreachRate as number) > 0)).toBe(true);
    expect(total.some((row) => row.nps !== null) && total.some((row) => row.csat !== null)).toBe(
      true,
    );
    const bad = await call('POST', '/v1/analytics/service', d.read, {
      from: FROM,
      to: TO,
      period: 'year',
    });
    expect(bad.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'period' });
  });

  describe('timeline pages and filters', () => {
    interface Entry {
      id: string;
      type: string;
      channel: string;
      occurredAt: string;
      userId: string | null;
      anonymousId: string | null;
    }
    const timeline = async (customer: string, query: string) =>
      (await call(
        'GET',
        `/v1/customers/${encodeURIComponent(customer)}/timeline?${query}`,
        a.read,
      )) as unknown as {
        status: number;
        body: { events: Entry[]; nextCursor: string | null; error?: { field?: string } };
      };
    /** Every page of `query`, `limit` entries at a time, concatenated. */
    const walk = async (customer: string, query: string, limit: number) => {
      const seen: Entry[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 500; page++) {
        const answer = await timeline(
          customer,
          `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(answer.status).toBe(200);
        expect(answer.body.events.length).toBeLessThanOrEqual(limit);
        seen.push(...answer.body.events);
        cursor = answer.body.nextCursor;
        if (cursor === null) return seen;
      }
      throw new Error('the timeline did not end');
    };
    // The busiest customers (but the two long journeys: paging one entry at a time through 400
    // would only take long), and one whose anonymous journey was merged by a later identify.
    const merged = [...merges.values()][0]!;
    const sample = [
      ...[...journeys]
        .filter(([customer]) => !LONG.includes(customer))
        .sort((x, y) => y[1].length - x[1].length)
        .slice(0, 2)
        .map(([customer]) => customer),
      merged,
    ];

    it('walks every entry exactly once, newest first, in pages', async () => {
      for (const customer of sample) {
        const full = await timeline(customer, 'limit=1000');
        expect(full.body.nextCursor).toBeNull();
        expect(full.body.events.length).toBeGreaterThan(5);
        const times = full.body.events.map((e) => Date.parse(e.occurredAt));
        expect(times).toEqual([...times].sort((x, y) => y - x));
        for (const limit of [1, 3]) {
          const pages = await walk(customer, '', limit);
          expect(pages.map((e) => e.id)).toEqual(full.body.events.map((e) => e.id));
        }
      }
      // The merged customer's pages hold both its anonymous and its identified touchpoints.
      const pages = await walk(merged, '', 2);
      expect(pages.some((e) => e.anonymousId !== null && e.userId === null)).toBe(true);
      expect(pages.some((e) => e.userId === merged)).toBe(true);
    });

    it('filters by channel, type and time range, and pages within the filter', async () => {
      for (const customer of sample) {
        const seeded = journeys.get(customer)!;
        const from = seeded[Math.floor(seeded.length / 4)]!.t;
        const to = seeded[Math.floor((seeded.length * 3) / 4)]!.t;
        const query =
          `channel=web,app&type=custom.view,custom.cart` +
          `&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
        const expected = seeded.filter(
          (e) =>
            ['web', 'app'].includes(e.channel) &&
            ['custom.view', 'custom.cart'].includes(e.type) &&
            e.t >= from &&
            e.t < to,
        );
        const pages = await walk(customer, query, 2);
        expect(pages.length).toBe(expected.length);
        expect(
          pages.every(
            (e) =>
              ['web', 'app'].includes(e.channel) &&
              ['custom.view', 'custom.cart'].includes(e.type) &&
              Date.parse(e.occurredAt) >= from &&
              Date.parse(e.occurredAt) < to,
          ),
        ).toBe(true);
        const full = (await timeline(customer, 'limit=1000')).body.events;
        const kept = new Set(pages.map((e) => e.id));
        expect(pages.map((e) => e.id)).toEqual(full.filter((e) => kept.has(e.id)).map((e) => e.id));
      }
    });

    it('bad timeline parameters are a 400 naming the field', async () => {
      const field = async (query: string) => {
        const answer = await timeline(sample[0]!, query);
        expect(answer.status).toBe(400);
        return answer.body.error?.field;
      };
      expect(await field('limit=0')).toBe('limit');
      expect(await field('channel=')).toMatch(/^channel/);
      expect(await field(`type=${'x'.repeat(101)}`)).toMatch(/^type/);
      expect(await field('from=yesterday')).toBe('from');
      expect(await field(`from=${TO}&to=${FROM}`)).toBe('to');
      expect(await field('cursor=bm90LWEtY3Vyc29y')).toBe('cursor');
      expect((await timeline(sample[0]!, 'project=analytics_b')).status).toBe(400);
    });
  });

  it('needs a read key', async () => {
    expect((await call('POST', '/v1/analytics/funnel', a.write, funnel)).status).toBe(403);
    expect((await call('POST', '/v1/analytics/funnel', undefined, funnel)).status).toBe(401);
  });

  it('bad input is a 400 naming the field', async () => {
    const bad = async (path: string, body: unknown) =>
      (await call('POST', path, a.read, body)).body.error;
    expect(await bad('/v1/analytics/funnel', { ...funnel, steps: [STEPS[0]] })).toMatchObject({
      code: 'TL_INVALID_FIELD',
      field: 'steps',
    });
    expect(
      await bad('/v1/analytics/funnel', { ...funnel, windowSeconds: 91 * 86_400 }),
    ).toMatchObject({ field: 'windowSeconds' });
    expect(
      await bad('/v1/analytics/funnel', {
        ...funnel,
        steps: [{ type: 'custom.a', properties: { 'a..b': 1 } }, STEPS[1]],
      }),
    ).toMatchObject({ field: 'steps[0].properties.a..b' });
    expect(
      await bad('/v1/analytics/retention', { from: FROM, to: TO, timezone: 'Mars/Base' }),
    ).toMatchObject({ field: 'timezone' });
    expect(await bad('/v1/analytics/retention', { from: TO, to: FROM })).toMatchObject({
      field: 'to',
    });
    expect(
      await bad('/v1/analytics/paths', { from: FROM, anchor: { type: 'custom.cart' } }),
    ).toMatchObject({ field: 'to' });
    expect(
      await bad('/v1/analytics/paths', { from: FROM, to: TO, anchor: { channel: 'web' } }),
    ).toMatchObject({ field: 'anchor.type' });
  });

  it('serves the OpenAPI document built from the request schemas', async () => {
    const doc = await call('GET', '/docs/openapi.json', undefined);
    expect(doc.body.openapi).toBe('3.1.0');
    const schema =
      doc.body.paths!['/v1/analytics/funnel']!.post.requestBody.content['application/json']!.schema;
    expect(schema.properties.steps).toMatchObject({ minItems: 2, maxItems: 10 });
    const timeline = (
      doc.body as unknown as {
        paths: Record<string, { get: { parameters: { name: string; in: string }[] } }>;
      }
    ).paths['/v1/customers/{customerId}/timeline']!.get;
    expect(timeline.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'path:customerId',
      'query:channel',
      'query:cursor',
      'query:from',
      'query:limit',
      'query:to',
      'query:type',
    ]);
  });
});
