import { START, type Checkpoint, type EventStore } from '@touchline/event-store';
import { fromStoredEvent } from '@touchline/streams';
import type { Warehouse } from '@touchline/warehouse';
import type { Projection } from './projection.ts';

export interface RebuildProgress {
  readonly phase: 'empty' | 'replay' | 'recompute' | 'done';
  readonly projection: string;
  readonly done: number;
  /** Known when the caller supplied the log's size (replay) or the customer count (recompute). */
  readonly total: number | undefined;
  readonly elapsedMs: number;
}

export interface RebuildOptions {
  readonly store: EventStore;
  readonly warehouse: Warehouse;
  /** The projections to rebuild, in pipeline order (the others are left alone). */
  readonly projections: readonly Projection[];
  /** Events in the log, for progress; optional. */
  readonly logSize?: number;
  readonly pageSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  readonly events: number;
  /** Where the replay stopped: the live projector may resume here (undefined: empty log). */
  readonly checkpoint: Checkpoint | undefined;
  readonly elapsedMs: number;
}

/**
 * Drops and rebuilds read models from the store: empties every table the projections own, replays
 * the whole log through the log-driven ones (page N+1 is read while page N is applied), then lets
 * the derived ones recompute everything from the rebuilt models. The projectors must be stopped
 * meanwhile (embedded mode enforces this: the warehouse directory is locked by its user).
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { store, warehouse, projections } = options;
  const report = options.onProgress ?? (() => undefined);
  const pageSize = options.pageSize ?? 5_000;

  for (const projection of projections) {
    report({
      phase: 'empty',
      projection: projection.name,
      done: 0,
      total: undefined,
      elapsedMs: elapsed(),
    });
    for (const table of projection.tables)
      await warehouse.command(`TRUNCATE TABLE IF EXISTS ${warehouse.database}.${table}`);
  }

  const replayed = projections.filter((p) => !p.recomputeAll);
  const names = replayed.map((p) => p.name).join('+');
  let events = 0;
  let checkpoint: Checkpoint | undefined;
  if (replayed.length > 0) {
    let next = store.readAll({ after: START, limit: pageSize });
    for (;;) {
      const page = await next;
      if (page.events.length === 0) break;
      next = store.readAll({ after: page.checkpoint, limit: pageSize });
      const batch = page.events.map(fromStoredEvent);
      for (const projection of replayed) await projection.handle(batch);
      events += batch.length;
      checkpoint = page.checkpoint;
      report({
        phase: 'replay',
        projection: names,
        done: events,
        total: options.logSize,
        elapsedMs: elapsed(),
      });
    }
    // Drain the prefetch so no read is left running.
    await next;
  }

  for (const projection of projections) {
    if (!projection.recomputeAll) continue;
    await projection.recomputeAll((done, total) =>
      report({
        phase: 'recompute',
        projection: projection.name,
        done,
        total,
        elapsedMs: elapsed(),
      }),
    );
  }
  report({
    phase: 'done',
    projection: projections.map((p) => p.name).join('+'),
    done: events,
    total: events,
    elapsedMs: elapsed(),
  });
  return { events, checkpoint, elapsedMs: elapsed() };
}
