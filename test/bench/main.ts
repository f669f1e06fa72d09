import { parseArgs } from 'node:util';
import { createTestDatabase, tempDir } from '@touchline/testing';
import { analyticsBench } from './analyticsBench.ts';
import { churnBench } from './churnBench.ts';
import { eventStoreBench, openPgliteForBench, openPostgresForBench } from './eventStoreBench.ts';
import { ingestBench } from './ingestBench.ts';
import { relayBench } from './relayBench.ts';
import { projectorBench } from './projectorBench.ts';
import { freshnessBench } from './freshnessBench.ts';
import { printTable, type BenchRow } from './table.ts';

// `pnpm bench [--scale 0.2] [--only event-store]`. PostgreSQL runs when DATABASE_URL (or
// TL_BENCH_DATABASE_URL) is set; each suite prints why it skips an engine.
const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1' }, only: { type: 'string' } },
});
const scale = Number(values.scale);
const rows: BenchRow[] = [];
const want = (suite: string) => values.only === undefined || values.only === suite;
const serverUrl = process.env.TL_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const brokers = (process.env.TL_BENCH_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS)?.split(',');

/** Runs a suite on a fresh PGlite directory. */
async function onPglite(what: string, run: (dir: string) => Promise<BenchRow[]>) {
  const dir = tempDir('tl-bench-');
  try {
    console.error(`[bench] ${what}, PGlite …`);
    rows.push(...(await run(dir.path)));
  } finally {
    dir.remove();
  }
}

/** Runs a suite on a fresh PostgreSQL database, or says why it skips. */
async function onPostgres(what: string, run: (url: string) => Promise<BenchRow[]>) {
  if (!serverUrl) {
    console.error(`[bench] ${what} on PostgreSQL skipped: set DATABASE_URL to include it`);
    return;
  }
  const database = await createTestDatabase(serverUrl);
  try {
    console.error(`[bench] ${what}, PostgreSQL …`);
    rows.push(...(await run(database.url)));
  } finally {
    await database.drop();
  }
}

if (want('event-store')) {
  await onPglite('event store', (dir) =>
    eventStoreBench('PGlite', openPgliteForBench(`${dir}/store`), scale),
  );
  await onPostgres('event store', (url) =>
    eventStoreBench('PostgreSQL', openPostgresForBench(url), scale),
  );
}

if (want('ingest')) {
  await onPglite('ingest over HTTP', () => ingestBench('PGlite', undefined, scale));
  await onPostgres('ingest over HTTP', (url) => ingestBench('PostgreSQL', url, scale));
}

if (want('projector')) {
  await onPglite('timeline projector replay → chdb', (dir) =>
    projectorBench('PGlite', openPgliteForBench(`${dir}/store`), scale),
  );
  await onPostgres('timeline projector replay → chdb', (url) =>
    projectorBench('PostgreSQL', openPostgresForBench(url), scale),
  );
}

if (want('relay')) {
  if (brokers) await onPostgres('relay → Kafka', (url) => relayBench(url, brokers, scale));
  else console.error('[bench] relay skipped: set DATABASE_URL and KAFKA_BROKERS to include it');
}

if (want('freshness')) {
  console.error('[bench] freshness: append → visible in the timeline at 5k events/s …');
  const database = serverUrl && brokers ? await createTestDatabase(serverUrl) : undefined;
  try {
    rows.push(...(await freshnessBench(scale, database?.url, brokers)));
  } finally {
    await database?.drop();
  }
}

if (want('churn')) {
  console.error('[bench] churn: BG/NBD and Gamma-Gamma fits, scoring …');
  rows.push(...(await churnBench(scale)));
}

if (want('analytics')) {
  console.error(
    '[bench] journey analytics: funnel, retention, paths and timelines, API beside raw SQL …',
  );
  rows.push(...(await analyticsBench(scale)));
}

printTable(rows);
