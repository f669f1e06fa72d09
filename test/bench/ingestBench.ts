import { randomUUID } from 'node:crypto';
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

async function post(url: string, key: string, body: unknown): Promise<void> {
  const response = await fetch(`${url}/v1/touchpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
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
      await post(platform.url, write, touchpoint(0)); // warm-up
      const batches = await timed(() =>
        concurrently(4, batchEvents / 100, (b) =>
          post(platform.url, write, {
            batch: Array.from({ length: 100 }, (_, i) => touchpoint(b * 100 + i)),
          }),
        ),
      );
      rows.push({
        suite: 'ingest',
        engine,
        case: 'HTTP batches of 100, 4 clients',
        events: batchEvents,
        seconds: batches,
        rawSeconds: raw,
        note: 'raw: INSERT 100 rows/tx',
      });
      const singles = await timed(() =>
        concurrently(64, singleEvents, (i) => post(platform.url, write, touchpoint(i))),
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
