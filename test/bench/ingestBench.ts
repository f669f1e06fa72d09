import { randomUUID } from 'node:crypto';
import { openEventStore, type OpenedEventStore } from '@touchline/event-store';
import { tempDir } from '@touchline/testing';
import { bootstrapKeys } from '../support/journeyClient.ts';
import { startPlatformProcess } from '../support/platformProcess.ts';
import { rawInsert } from './eventStoreBench.ts';
import { RawHttpConnection, rawRequest } from './rawHttpClient.ts';
import { timed, type BenchRow } from './table.ts';

const touchpoint = (i: number) => ({
  id: randomUUID(),
  type: 'page.viewed',
  channel: 'web',
  userId: `bench-${i % 5000}`,
  data: { path: `/products/${i % 500}`, referrer: 'https://example.com/search?q=shoes' },
  context: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', locale: 'en-GB' },
});

// The load: 64 concurrent clients, for batches as for single events. Group commit then
// merges concurrent batches into one transaction, as it does single events.
const CLIENTS = 64;

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
      // Requests are built before the clock starts (the client's JSON work is not the
      // platform's) and sent over 64 keep-alive sockets by a minimal client (rawHttpClient.ts),
      // so that the two cores go to the server, not to node:http on the client side.
      const headers = { authorization: `Bearer ${write}`, 'content-type': 'application/json' };
      const touchpoints = (body: string) =>
        rawRequest(platform.url, 'POST', '/v1/touchpoints', headers, body);
      const batchRequests = Array.from({ length: batchEvents / 100 }, (_, b) =>
        touchpoints(
          JSON.stringify({ batch: Array.from({ length: 100 }, (_, i) => touchpoint(b * 100 + i)) }),
        ),
      );
      const singleRequests = Array.from({ length: singleEvents }, (_, i) =>
        touchpoints(JSON.stringify(touchpoint(i))),
      );
      const healthz = rawRequest(platform.url, 'GET', '/healthz', {});
      const sockets = await Promise.all(
        Array.from({ length: CLIENTS }, () => RawHttpConnection.open(platform.url)),
      );
      const warmUp = await sockets[0]!.send(touchpoints(JSON.stringify(touchpoint(0))));
      if (warmUp >= 300) throw new Error(`the platform answered ${warmUp}`);
      const load = (total: number, requestOf: (i: number) => Buffer) => async () => {
        let next = 0;
        await Promise.all(
          sockets.map(async (socket) => {
            for (let i = next++; i < total; i = next++) {
              const status = await socket.send(requestOf(i));
              if (status >= 300) throw new Error(`the platform answered ${status}`);
            }
          }),
        );
      };
      const batches = await timed(load(batchRequests.length, (b) => batchRequests[b]!));
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
      const baseline = await timed(load(singleEvents, () => healthz));
      rows.push({
        suite: 'ingest',
        engine,
        case: 'HTTP baseline: GET /healthz, 64 clients',
        events: singleEvents,
        seconds: baseline,
        note: 'requests/s, no store',
      });
      const singles = await timed(load(singleEvents, (i) => singleRequests[i]!));
      for (const socket of sockets) socket.close();
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
