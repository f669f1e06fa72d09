import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { START, type EventStore, type OpenedEventStore } from '@touchline/event-store';
import { timelineRow, type TimelineRow } from '@touchline/journey';
import { timelineProjection } from '@touchline/projector';
import { fromStoredEvent, storeLogSource } from '@touchline/streams';
import { tempDir } from '@touchline/testing';
import {
  loadProjectionCheckpoint,
  migrateWarehouse,
  openWarehouse,
  saveProjectionCheckpoint,
  type Warehouse,
} from '@touchline/warehouse';
import { benchTouchpoint } from './benchTouchpoints.ts';
import { timed, type BenchRow } from './table.ts';

const PAGE = 1000;
/** Events per projector batch: the embedded projector's default read page. */
const BATCH = 5000;

/** With TL_BENCH_PROFILE=<dir>, writes a CPU profile of `work` (the main thread only) there. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.TL_BENCH_PROFILE;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

/** Appends `total` touchpoints over `customers` customers, `PAGE` per group commit. */
async function fill(store: EventStore, total: number, customers: number): Promise<void> {
  for (let from = 0; from < total; from += PAGE) {
    const requests = Array.from({ length: Math.min(PAGE, total - from) }, (_, k) => {
      const { streamId, event } = benchTouchpoint(from + k, customers);
      return { streamId, events: [event] };
    });
    await store.appendMany(requests);
  }
}

/** Every touchpoint of the log as timeline rows, in log order, in batches as the projector gets them. */
async function rowsOf(store: EventStore): Promise<TimelineRow[][]> {
  const pages: TimelineRow[][] = [];
  let after = START;
  for (;;) {
    const page = await store.readAll({ after, limit: BATCH });
    if (page.events.length === 0) return pages;
    pages.push(page.events.map(fromStoredEvent).flatMap((e) => timelineRow(e) ?? []));
    after = page.checkpoint;
  }
}

/** CPU time of this process (every thread: JS, PGlite, chdb) since `since`, per second of `seconds`. */
const coresBusy = (since: NodeJS.CpuUsage, seconds: number): string => {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1e6 / seconds).toFixed(1);
};

const count = async (warehouse: Warehouse, table: string) => {
  const [row] = await warehouse.query<{ n: string }>(
    `SELECT count() AS n FROM ${warehouse.database}.${table} FINAL`,
  );
  return Number(row?.n);
};

/**
 * Rebuild speed of the timeline read model: a full replay of the store log through the same path
 * as the embedded projector (storeLogSource → timelineProjection, checkpoint kept in ClickHouse)
 * into a fresh chdb warehouse, beside the raw chdb insert of exactly the same rows (prebuilt,
 * same batch size, no dedup token, no checkpoint) into a twin table, in the same run.
 */
export async function projectorBench(
  engine: string,
  open: () => Promise<OpenedEventStore>,
  scale: number,
): Promise<BenchRow[]> {
  const total = Math.round(200_000 * scale);
  const customers = Math.max(1, Math.round(20_000 * scale));
  const dir = tempDir('tl-bench-projector-');
  const opened = await open();
  let warehouse: Warehouse | undefined;
  try {
    console.error(`[bench]   appending ${total} touchpoints over ${customers} customers …`);
    await fill(opened.store, total, customers);
    const pages = await rowsOf(opened.store);
    // The source's ceiling: the same pages read alone, as the projector gets them.
    const readAlone = await timed(async () => {
      let after = START;
      for (;;) {
        const page = await opened.store.readAll({ after, limit: BATCH });
        if (page.events.length === 0) return;
        page.events.map(fromStoredEvent);
        after = page.checkpoint;
      }
    });

    warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
    await migrateWarehouse(warehouse);
    const wh = warehouse;
    await wh.command(`CREATE TABLE ${wh.database}.timeline_raw AS ${wh.database}.timeline_events`);
    const rawCpu = process.cpuUsage();
    const raw = await profiled(`raw-${engine}`, () =>
      timed(async () => {
        for (const rows of pages) await wh.insert(`${wh.database}.timeline_raw`, rows);
      }),
    );
    const rawCores = coresBusy(rawCpu, raw);
    // Merge the twin's parts now, off the clock, so its background merges don't run during the replay.
    await wh.command(`OPTIMIZE TABLE ${wh.database}.timeline_raw FINAL`);

    // Replay, with the time of the handler (map + insert) and of the checkpoint saves summed.
    // The source reads the next page meanwhile, so read time overlaps them.
    const spent = { project: 0, checkpoint: 0 };
    const clocked = <T>(stage: keyof typeof spent, work: () => Promise<T>) => {
      const started = performance.now();
      return work().finally(() => (spent[stage] += (performance.now() - started) / 1000));
    };
    const project = timelineProjection(wh);
    let projected = 0;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const source = storeLogSource({
      store: opened.store,
      batchSize: BATCH,
      position: {
        load: () => loadProjectionCheckpoint(wh, 'timeline'),
        save: (checkpoint) =>
          clocked('checkpoint', () => saveProjectionCheckpoint(wh, 'timeline', checkpoint)),
      },
      onError: (error) => console.error('[bench] projector batch failed', error),
    });
    const replayCpu = process.cpuUsage();
    const replay = await profiled(`replay-${engine}`, () =>
      timed(async () => {
        await source.start(async (events) => {
          await clocked('project', () => project(events));
          projected += events.length;
          if (projected >= total) done();
        });
        await finished;
        await source.stop();
      }),
    );
    const replayCores = coresBusy(replayCpu, replay);
    const [projectedRows, rawRows] = [
      await count(wh, 'timeline_events'),
      await count(wh, 'timeline_raw'),
    ];
    if (projectedRows !== total || rawRows !== total)
      throw new Error(`expected ${total} rows, projected ${projectedRows}, raw ${rawRows}`);

    // How much of the machine each side used: a ratio far from 1 with every core busy is the
    // machine's limit, not waiting.
    const note = `raw: chdb insert of the same rows, ${BATCH}/insert; cores busy: replay ${replayCores}, raw ${rawCores}`;
    return [
      {
        suite: 'projector',
        engine,
        case: `replay store log → timeline (${BATCH}/batch)`,
        events: total,
        seconds: replay,
        rawSeconds: raw,
        note,
      },
      {
        suite: 'projector',
        engine,
        case: '  store log read alone, same pages',
        events: total,
        seconds: readAlone,
        note: 'the source’s ceiling',
      },
      {
        suite: 'projector',
        engine,
        case: '  in the replay: map + chdb insert',
        events: total,
        seconds: spent.project,
        rawSeconds: raw,
        note: `${Math.round((100 * spent.project) / replay)}% of the replay`,
      },
      {
        suite: 'projector',
        engine,
        case: '  in the replay: checkpoint saves',
        events: total,
        seconds: spent.checkpoint,
        note: `${Math.round((100 * spent.checkpoint) / replay)}% of the replay`,
      },
    ];
  } finally {
    await warehouse?.close();
    await opened.store.close();
    dir.remove();
  }
}
