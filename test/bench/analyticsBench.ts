import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getAccessStore } from '@touchline/access';
import { funnelQuerySchema, pathsQuerySchema, retentionQuerySchema } from '@touchline/contracts';
import { openEventStore } from '@touchline/event-store';
import { analyticsRoutes, insightsRoutes } from '@touchline/insights';
import { createAuthenticator, createLogger, httpApp } from '@touchline/runtime';
import { tempDir } from '@touchline/testing';
import {
  funnelAnalysis,
  migrateWarehouse,
  openWarehouse,
  pathsAnalysis,
  readTimeline,
  retentionAnalysis,
  type QueryParams,
  type Warehouse,
} from '@touchline/warehouse';
import type { BenchRow } from './table.ts';

const PROJECT = 'bench';
const DAY = 86_400_000;
/** The generated journeys start in the 12 weeks from this Monday. */
const T0 = Date.parse('2025-01-06T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Fills `timeline_events` with `total` touchpoints of `customers` customers inside ClickHouse
 * (INSERT … SELECT FROM numbers(), not through the event store): event k of customer c follows a
 * page.viewed → Product Viewed → Product Added → order.placed journey as far as the customer's
 * reach (40% views only, 30% product, 18% cart, 12% order), then a mix; steps are 1 min .. 2 days
 * apart. 5% of customers send their first two events anonymously (`anon:a<c>`), linked to `u<c>`
 * in identity_map / identity_members. One customer_profiles row per customer (stage, first channel).
 */
export async function loadAnalyticsData(
  wh: Warehouse,
  total: number,
  customers: number,
): Promise<void> {
  const db = wh.database;
  const chunk = 2_000_000;
  for (let from = 0; from < total; from += chunk) {
    const count = Math.min(chunk, total - from);
    await wh.command(
      `INSERT INTO ${db}.timeline_events
         (project_id, customer_key, occurred_at, event_id, type, event_name, channel, user_id,
          anonymous_id, received_at, store_position, data, context)
       WITH number + ${from} AS n, n % ${customers} AS c, intDiv(n, ${customers}) AS k,
            cityHash64(c) AS h, cityHash64(c, k) AS hk,
            multiIf(h % 100 < 40, 1, h % 100 < 70, 2, h % 100 < 88, 3, 4) AS reach,
            h % 20 = 0 AND k < 2 AS anonymous,
            ${T0} + intDiv(h, 7) % ${84 * DAY} + k * (60000 + intDiv(h, 11) % ${2 * DAY}) + hk % 1000 AS t,
            multiIf(k = 0, 0, k <= 3, if(reach > k, toUInt8(k), 0),
                    hk % 10 < 5, 0, hk % 10 < 7, 1, hk % 10 = 7, 2, hk % 10 = 8, 4,
                    if(reach = 4, 3, 0)) AS step,
            if(h % 10 < 7, 'web', 'app') AS home
       SELECT '${PROJECT}',
              if(anonymous, concat('anon:a', toString(c)), concat('u', toString(c))),
              fromUnixTimestamp64Milli(toInt64(t), 'UTC'),
              generateUUIDv4(number),
              ['page.viewed', 'segment.track', 'segment.track', 'order.placed', 'email.opened'][step + 1],
              ['', 'Product Viewed', 'Product Added', '', ''][step + 1],
              multiIf(step = 4, 'email', step = 3 AND hk % 5 = 0, 'store', home),
              if(anonymous, '', concat('u', toString(c))),
              if(h % 20 = 0, concat('a', toString(c)), ''),
              fromUnixTimestamp64Milli(toInt64(t + 150), 'UTC'),
              n + 1,
              multiIf(step = 0, concat('{"path":"/p/', toString(hk % 500), '"}'),
                      step IN (1, 2), concat('{"sku":"s', toString(hk % 2000), '","price":', toString(hk % 200), '}'),
                      step = 3, concat('{"amount":', toString(10 + hk % 300), ',"currency":"EUR"}'),
                      '{"campaign":"weekly"}'),
              '{"locale":"en-GB","userAgent":"Mozilla/5.0 (X11; Linux x86_64)"}'
       FROM numbers(${count})`,
    );
    console.error(`[bench]   ${Math.min(from + count, total)} / ${total} events loaded …`);
  }
  const anonymous = `FROM numbers(${customers}) WHERE cityHash64(number) % 20 = 0`;
  for (const table of ['identity_members', 'identity_map'])
    await wh.command(
      `INSERT INTO ${db}.${table} (project_id, customer_key, canonical_key, store_position)
       SELECT '${PROJECT}', concat('anon:a', toString(number)), concat('u', toString(number)), 1 ${anonymous}
       UNION ALL
       SELECT '${PROJECT}', concat('u', toString(number)), concat('u', toString(number)), 1 ${anonymous}`,
    );
  await wh.command(
    `INSERT INTO ${db}.customer_profiles (project_id, customer_key, version, merged_into, first_channel, stage)
     SELECT '${PROJECT}', concat('u', toString(number)), 1, '',
            if(cityHash64(number) % 10 < 7, 'web', 'app'),
            ['lead', 'active', 'at_risk', 'churned'][cityHash64(number, 'stage') % 4 + 1]
     FROM numbers(${customers})`,
  );
}

// node:http with keep-alive: the client's own cost stays small beside the server's.
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** One request; resolves with the body text, rejects on a non-200 answer. */
function call(url: string, token: string, path: string, body?: unknown): Promise<string> {
  const target = new URL(url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: payload ? 'POST' : 'GET',
        path,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (part: string) => (text += part));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(text)
            : reject(new Error(`${path} answered ${res.statusCode}: ${text}`)),
        );
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export interface Recorded {
  readonly sql: string;
  readonly params: QueryParams | undefined;
}

/** The warehouse, with every query it runs appended to `log` (to replay the very same SQL raw). */
export const recording = (wh: Warehouse, log: Recorded[]): Warehouse => ({
  kind: wh.kind,
  database: wh.database,
  query: (sql, params) => {
    log.push({ sql, params });
    return wh.query(sql, params);
  },
  command: (sql, params) => wh.command(sql, params),
  insert: (table, rows, options) => wh.insert(table, rows, options),
  close: () => wh.close(),
});

const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};
const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (s: number) => `${(s * 1000).toFixed(s < 0.1 ? 1 : 0)} ms`;

/**
 * Journey analytics at 10M events / 1M customers (× scale): funnel, retention and paths through
 * the HTTP API (insights routes in this process, read key on PGlite) beside the very SQL each
 * answer ran, executed directly on the same chdb warehouse in the same run; and timeline lookups
 * of random customers through the API beside the raw single-customer timeline query.
 */
export async function analyticsBench(scale: number): Promise<BenchRow[]> {
  const total = Math.round(10_000_000 * scale);
  const customers = Math.max(1, Math.round(1_000_000 * scale));
  const runs = 5;
  const lookups = Math.max(50, Math.round(1000 * Math.min(1, scale)));
  const dir = tempDir('tl-bench-analytics-');
  const wh = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
  const store = await openEventStore({ kind: 'pglite', dataDir: `${dir.path}/store` });
  const app = httpApp(createLogger('silent'));
  try {
    await migrateWarehouse(wh);
    console.error(`[bench]   loading ${total} events over ${customers} customers into chdb …`);
    const loadSeconds = await seconds(() => loadAnalyticsData(wh, total, customers));
    console.error(`[bench]   loaded in ${loadSeconds.toFixed(1)} s; merging parts …`);
    // Steady state: the background merges a fresh load leaves pending are done first.
    for (const table of [
      'timeline_events',
      'identity_map',
      'identity_members',
      'customer_profiles',
    ])
      await wh.command(`OPTIMIZE TABLE ${wh.database}.${table} FINAL`);

    const access = await getAccessStore(store.sql);
    await access.createProject(PROJECT);
    const { token } = await access.issueKey(PROJECT, 'read');
    const authenticate = createAuthenticator(access, {
      rateLimits: { write: 1e9, read: 1e9, admin: 1e9 },
    });
    await app.register(insightsRoutes, { warehouse: wh, authenticate });
    await app.register(analyticsRoutes, { warehouse: wh, authenticate });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const funnel = {
      from: iso(T0 + 14 * DAY),
      to: iso(T0 + 42 * DAY),
      steps: [
        { type: 'page.viewed' },
        { type: 'segment.track', event: 'Product Viewed' },
        { type: 'segment.track', event: 'Product Added' },
        { type: 'order.placed' },
      ],
      windowSeconds: 7 * 86_400,
    };
    const retention = { from: iso(T0), to: iso(T0 + 28 * DAY), period: 'week', periods: 8 };
    const paths = {
      from: iso(T0 + 14 * DAY),
      to: iso(T0 + 42 * DAY),
      anchor: { type: 'segment.track', event: 'Product Viewed' },
      direction: 'next',
      depth: 3,
    };
    const cases = [
      {
        name: 'funnel: 4 steps, 7-day window, 4 weeks',
        path: '/v1/analytics/funnel',
        body: funnel,
        run: (w: Warehouse) => funnelAnalysis(w, PROJECT, funnelQuerySchema.parse(funnel)),
      },
      {
        name: 'retention: weekly, 8 periods, 4 cohorts',
        path: '/v1/analytics/retention',
        body: retention,
        run: (w: Warehouse) => retentionAnalysis(w, PROJECT, retentionQuerySchema.parse(retention)),
      },
      {
        name: 'paths: next 3 after Product Viewed, 4 weeks',
        path: '/v1/analytics/paths',
        body: paths,
        run: (w: Warehouse) => pathsAnalysis(w, PROJECT, pathsQuerySchema.parse(paths)),
      },
    ];

    const rows: BenchRow[] = [];
    for (const c of cases) {
      console.error(`[bench]   ${c.name} …`);
      const log: Recorded[] = [];
      await c.run(recording(wh, log)); // warm-up, and the SQL the answer runs
      await call(url, token, c.path, c.body); // warm-up
      const api: number[] = [];
      const raw: number[] = [];
      // Alternating, so load from other processes on the machine hits both columns alike.
      for (let r = 0; r < runs; r++) {
        api.push(await seconds(() => call(url, token, c.path, c.body)));
        raw.push(
          await seconds(async () => {
            for (const q of log) await wh.query(q.sql, q.params);
          }),
        );
      }
      const [a, b] = [quantile(api, 0.5), quantile(raw, 0.5)];
      rows.push({
        suite: 'analytics',
        engine: 'chdb',
        case: c.name,
        events: total,
        seconds: a,
        rawSeconds: b,
        note: `median of ${runs}: API ${ms(a)}, raw ${ms(b)}; API/raw ${(a / b).toFixed(2)}× (lower is better)`,
      });
    }

    console.error(`[bench]   timeline lookups of ${lookups} random customers …`);
    const picked = Array.from({ length: lookups }, (_, i) => `u${(i * 7_919 + 13) % customers}`);
    const queries: Recorded[] = [];
    for (const key of picked.slice(0, 20)) {
      // warm-up both paths
      await call(url, token, `/v1/customers/${key}/timeline`);
      const log: Recorded[] = [];
      await readTimeline(recording(wh, log), { projectId: PROJECT, customerKey: key });
    }
    for (const key of picked) {
      const log: Recorded[] = [];
      await readTimeline(recording(wh, log), { projectId: PROJECT, customerKey: key });
      queries.push(log.at(-1)!); // the single-customer rows query, keys resolved
    }
    const api: number[] = [];
    const raw: number[] = [];
    for (const [i, key] of picked.entries()) {
      api.push(await seconds(() => call(url, token, `/v1/customers/${key}/timeline`)));
      const q = queries[i]!;
      raw.push(await seconds(() => wh.query(q.sql, q.params)));
    }
    const sum = (values: number[]) => values.reduce((x, y) => x + y, 0);
    rows.push({
      suite: 'analytics',
      engine: 'chdb',
      case: `timeline lookups (events = lookups)`,
      events: lookups,
      seconds: sum(api),
      rawSeconds: sum(raw),
      note:
        `API p50 ${ms(quantile(api, 0.5))} p99 ${ms(quantile(api, 0.99))}; ` +
        `raw rows query p50 ${ms(quantile(raw, 0.5))} p99 ${ms(quantile(raw, 0.99))}`,
    });
    rows.push({
      suite: 'analytics',
      engine: 'chdb',
      case: '  load: INSERT … SELECT FROM numbers()',
      events: total,
      seconds: loadSeconds,
      note: 'generated in ClickHouse, not through the event store',
    });
    return rows;
  } finally {
    await app.close();
    agent.destroy();
    await store.store.close();
    await wh.close();
    dir.remove();
  }
}
