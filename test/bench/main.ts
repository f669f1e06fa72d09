import { parseArgs } from 'node:util';
import { createTestDatabase, tempDir } from '@touchline/testing';
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

if (want('event-store')) {
  const dir = tempDir('tl-bench-');
  try {
    console.error('[bench] event store on PGlite …');
    rows.push(...(await eventStoreBench('PGlite', openPgliteForBench(`${dir.path}/store`), scale)));
  } finally {
    dir.remove();
  }
  const server = process.env.TL_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (server) {
    const database = await createTestDatabase(server);
    try {
      console.error('[bench] event store on PostgreSQL …');
      rows.push(
        ...(await eventStoreBench('PostgreSQL', openPostgresForBench(database.url), scale)),
      );
    } finally {
      await database.drop();
    }
  } else {
    console.error('[bench] PostgreSQL skipped: set DATABASE_URL to a server to include it');
  }
}

if (want('ingest')) {
  console.error('[bench] ingest over HTTP, embedded (PGlite) …');
  rows.push(...(await ingestBench('PGlite', undefined, scale)));
  const server = process.env.TL_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (server) {
    const database = await createTestDatabase(server);
    try {
      console.error('[bench] ingest over HTTP, PostgreSQL …');
      rows.push(...(await ingestBench('PostgreSQL', database.url, scale)));
    } finally {
      await database.drop();
    }
  } else {
    console.error('[bench] ingest on PostgreSQL skipped: set DATABASE_URL to include it');
  }
}

if (want('projector')) {
  const dir = tempDir('tl-bench-');
  try {
    console.error('[bench] timeline projector replay, PGlite store → chdb …');
    rows.push(...(await projectorBench('PGlite', openPgliteForBench(`${dir.path}/store`), scale)));
  } finally {
    dir.remove();
  }
  const server = process.env.TL_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (server) {
    const database = await createTestDatabase(server);
    try {
      console.error('[bench] timeline projector replay, PostgreSQL store → chdb …');
      rows.push(...(await projectorBench('PostgreSQL', openPostgresForBench(database.url), scale)));
    } finally {
      await database.drop();
    }
  } else {
    console.error('[bench] projector on PostgreSQL skipped: set DATABASE_URL to include it');
  }
}

if (want('relay')) {
  const server = process.env.TL_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const brokers = process.env.TL_BENCH_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS;
  if (server && brokers) {
    const database = await createTestDatabase(server);
    try {
      console.error('[bench] relay, PostgreSQL store → Kafka …');
      rows.push(...(await relayBench(database.url, brokers.split(','), scale)));
    } finally {
      await database.drop();
    }
  } else {
    console.error('[bench] relay skipped: set DATABASE_URL and KAFKA_BROKERS to include it');
  }
}

if (want('freshness')) {
  console.error('[bench] freshness: append → visible in the timeline at 5k events/s …');
  const server = process.env.TL_BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const brokers = process.env.TL_BENCH_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS;
  const database = server && brokers ? await createTestDatabase(server) : undefined;
  try {
    rows.push(...(await freshnessBench(scale, database?.url, brokers?.split(','))));
  } finally {
    await database?.drop();
  }
}

if (want('churn')) {
  console.error('[bench] churn: BG/NBD and Gamma-Gamma fits, scoring …');
  rows.push(...(await churnBench(scale)));
}

printTable(rows);
