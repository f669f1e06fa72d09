import { randomUUID } from 'node:crypto';
import {
  openEventStore,
  START,
  type NewEvent,
  type OpenedEventStore,
} from '@touchline/event-store';
import type { BenchRow } from './table.ts';
import { timed } from './table.ts';

const payload = (i: number) => ({
  type: 'page.viewed',
  channel: 'web',
  data: {
    path: `/products/${i % 500}`,
    referrer: 'https://example.com/search?q=shoes',
    durationMs: i % 9000,
  },
  context: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', locale: 'en-GB' },
});
const newEvent = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'page.viewed',
  data: payload(i),
});

/** The same rows written with a plain multi-row INSERT into a twin table: the engine's raw speed. */
export async function rawInsert(
  opened: OpenedEventStore,
  batches: number,
  perBatch: number,
  perTx: number,
): Promise<number> {
  await opened.sql.query('DROP TABLE IF EXISTS bench_raw');
  await opened.sql.query(
    'CREATE TABLE bench_raw (LIKE tl_events INCLUDING DEFAULTS INCLUDING INDEXES)',
  );
  const columns = 6;
  return timed(async () => {
    for (let b = 0; b < batches; b += perTx / perBatch) {
      await opened.sql.transaction(async (tx) => {
        for (let s = 0; s < Math.max(1, perTx / perBatch); s++) {
          const stream = `customer-bench-raw-${b}-${s}`;
          const values: unknown[] = [];
          const tuples: string[] = [];
          for (let i = 0; i < perBatch; i++) {
            const p = tuples.length * columns;
            tuples.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`);
            values.push(stream, i, randomUUID(), 'page.viewed', JSON.stringify(payload(i)), '{}');
          }
          await tx.query(
            `INSERT INTO bench_raw (stream_id, stream_version, event_id, type, data, metadata) VALUES ${tuples.join(',')}`,
            values,
          );
        }
      });
    }
  });
}

export async function eventStoreBench(
  engine: string,
  open: () => Promise<OpenedEventStore>,
  scale: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const opened = await open();
  const { store } = opened;
  try {
    // 1 event per transaction, one writer: the cost of a commit.
    const single = Math.round(1_000 * scale);
    const t1 = await timed(async () => {
      for (let i = 0; i < single; i++) await store.append(`customer-bench-one-${i}`, [newEvent(i)]);
    });
    const r1 = await rawInsert(opened, single, 1, 1);
    rows.push({
      suite: 'event-store',
      engine,
      case: 'append 1 event/tx, 1 writer',
      events: single,
      seconds: t1,
      rawSeconds: r1,
    });

    for (const perBatch of [100, 1000]) {
      const total = Math.round(50_000 * scale);
      const batches = total / perBatch;
      const t = await timed(async () => {
        for (let b = 0; b < batches; b++) {
          await store.append(
            `customer-bench-${perBatch}-${b}`,
            Array.from({ length: perBatch }, (_, i) => newEvent(i)),
          );
        }
      });
      const raw = await rawInsert(opened, batches, perBatch, perBatch);
      rows.push({
        suite: 'event-store',
        engine,
        case: `append ${perBatch} events/tx`,
        events: total,
        seconds: t,
        rawSeconds: raw,
      });
    }

    // 64 concurrent writers of single events: group commit coalesces them.
    const writers = 64;
    const perWriter = Math.round(300 * scale);
    const tg = await timed(async () => {
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i++)
            await store.append(`customer-bench-gc-${w}-${i % 10}`, [newEvent(i)]);
        }),
      );
    });
    const rg = await rawInsert(opened, (writers * perWriter) / 100, 100, 1000);
    rows.push({
      suite: 'event-store',
      engine,
      case: '64 writers x 1 event (group commit)',
      events: writers * perWriter,
      seconds: tg,
      rawSeconds: rg,
      note: 'raw: 1000 rows/tx',
    });

    // Read the whole global log in pages of 1000, against a plain keyset scan of the same table.
    let read = 0;
    const tr = await timed(async () => {
      let after = START;
      for (;;) {
        const page = await store.readAll({ after, limit: 1000 });
        if (page.events.length === 0) break;
        read += page.events.length;
        after = page.checkpoint;
      }
    });
    const rr = await timed(async () => {
      let last = '0';
      for (;;) {
        const page = await opened.sql.query<{ p: string }>(
          `SELECT global_position::text AS p, stream_id, stream_version, event_id, type, data, metadata, recorded_at
           FROM tl_events WHERE global_position > $1 ORDER BY global_position LIMIT 1000`,
          [last],
        );
        if (page.length === 0) break;
        last = page.at(-1)!.p;
      }
    });
    rows.push({
      suite: 'event-store',
      engine,
      case: 'read all, pages of 1000',
      events: read,
      seconds: tr,
      rawSeconds: rr,
      note: 'raw: keyset scan',
    });
  } finally {
    await store.close();
  }
  return rows;
}

export const openPgliteForBench = (dataDir: string) => () =>
  openEventStore({ kind: 'pglite', dataDir });
export const openPostgresForBench = (url: string) => () =>
  openEventStore({ kind: 'postgres', connectionString: url, maxConnections: 16 });
