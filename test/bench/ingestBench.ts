import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { openEventStore, type OpenedEventStore } from '@touchline/event-store';
import { tempDir } from '@touchline/testing';
import { bootstrapKeys } from '../support/journeyClient.ts';
import { startPlatformProcess } from '../support/platformProcess.ts';
import { rawInsert } from './eventStoreBench.ts';
import { timed, type BenchRow } from './table.ts';

const touchpoint = (i: number) => ({
  id: randomUUID(),
  type: 'page.viewed',
  channel: 'web',
  userId: `bench-${i % 5000}`,
  data: { path: `/products/${i % 500}`, referrer: 'https://example.com/search?q=shoes' },
  context: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', locale: 'en-GB' },
});

// node:http with keep-alive: a lighter client than fetch, so more of the machine is left to the server.
// The load: 64 concurrent clients, for batches as for single events. Group commit then
// merges concurrent batches into one transaction, as it does single events.
const CLIENTS = 64;
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

function request(
  url: string,
  method: string,
  path: string,
  key?: string,
  payload?: string,
): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path,
        agent,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function post(url: string, key: string, body: string | undefined): Promise<void> {
  const status = await request(url, 'POST', '/v1/touchpoints', key, body);
  if (status >= 300) throw new Error(`ingest answered ${status}`);
}

/** Runs `total` units of work on `clients` concurrent loops. */
async function concurrently(
  clients: number,
  total: number,
  work: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) await work(i);
    }),
  );
}

/**
 * Ingest over HTTP: the platform (ingest only) runs as its own process, this process is the
 * client. Beside it, the store's raw batched INSERT of the same rows on the same engine.
 */
export async function ingestBench(
  engine: 'PGlite' | 'PostgreSQL',
  databaseUrl: string | undefined,
  scale: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = tempDir('tl-bench-ingest-');
  try {
    const batchEvents = Math.round(40_000 * scale);
    const singleEvents = Math.round(10_000 * scale);

    const rawStore: OpenedEventStore = await openEventStore(
      databaseUrl
        ? { kind: 'postgres', connectionString: databaseUrl }
        : { kind: 'pglite', dataDir: `${dir.path}/raw` },
    );
    const raw = await rawInsert(rawStore, batchEvents / 100, 100, 100);
    await rawStore.store.close();

    const platform = await startPlatformProcess({
      TL_SERVICES: 'ingest',
      TL_DATA_DIR: dir.path,
      TL_RATE_LIMIT_WRITE: '10000000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    try {
      const { write } = bootstrapKeys(dir.path);
      await post(platform.url, write, JSON.stringify(touchpoint(0))); // warm-up
      // Bodies are built before the clock starts: the client's JSON work is not the platform's.
      const batchBodies = Array.from({ length: batchEvents / 100 }, (_, b) =>
        JSON.stringify({ batch: Array.from({ length: 100 }, (_, i) => touchpoint(b * 100 + i)) }),
      );
      const singleBodies = Array.from({ length: singleEvents }, (_, i) =>
        JSON.stringify(touchpoint(i)),
      );
      const batches = await timed(() =>
        concurrently(CLIENTS, batchEvents / 100, (b) => post(platform.url, write, batchBodies[b])),
      );
      rows.push({
        suite: 'ingest',
        engine,
        case: `HTTP batches of 100, ${CLIENTS} clients`,
        events: batchEvents,
        seconds: batches,
        rawSeconds: raw,
        note: 'raw: INSERT 100 rows/tx',
      });
      // The HTTP ceiling of this machine in the same run: the cheapest route, same 64 clients.
      const baseline = await timed(() =>
        concurrently(CLIENTS, singleEvents, async () => {
          await request(platform.url, 'GET', '/healthz');
        }),
      );
      rows.push({
        suite: 'ingest',
        engine,
        case: 'HTTP baseline: GET /healthz, 64 clients',
        events: singleEvents,
        seconds: baseline,
        note: 'requests/s, no store',
      });
      const singles = await timed(() =>
        concurrently(CLIENTS, singleEvents, (i) => post(platform.url, write, singleBodies[i])),
      );
      rows.push({
        suite: 'ingest',
        engine,
        case: 'HTTP single events, 64 clients',
        events: singleEvents,
        seconds: singles,
        rawSeconds: (raw * singleEvents) / batchEvents,
        note: 'raw: INSERT 100 rows/tx',
      });
    } finally {
      await platform.stop();
    }
  } finally {
    dir.remove();
  }
  return rows;
}
