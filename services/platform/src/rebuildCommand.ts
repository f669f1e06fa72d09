import { mkdirSync } from 'node:fs';
import { getSettingsStore } from '@touchline/access';
import { openEventStore } from '@touchline/event-store';
import {
  journeyProjections,
  projectionsToRebuild,
  projectSettingsCache,
  rebuildProjections,
  storeFactWriter,
  type RebuildProgress,
  type RebuildResult,
} from '@touchline/projector';
import type { Config, Logger } from '@touchline/runtime';
import { openWarehouse, saveProjectionCheckpoint } from '@touchline/warehouse';
import { formatProgress as formatLine } from './formatProgress.ts';
import { PROJECTOR_CHECKPOINT } from './startProjector.ts';
import { migrateWarehouseExclusively } from './migrateWarehouseExclusively.ts';

export interface RebuildCommandResult extends RebuildResult {
  readonly projections: readonly string[];
  /** True when the embedded projector will resume where the replay stopped. */
  readonly checkpointMoved: boolean;
}

/**
 * `touchline rebuild [--projection name]…`: empties the named read models (and every later one in
 * the pipeline, which is computed from them), replays the store's log and recomputes customer
 * state, printing progress. Run it with the platform's projector stopped: in embedded mode the
 * warehouse directory is locked by a running platform, and the command says so.
 */
export async function rebuildCommand(
  config: Config,
  logger: Logger,
  names: readonly string[],
  progress: (line: string, final: boolean) => void,
): Promise<RebuildCommandResult> {
  if (config.store.kind === 'pglite' || config.warehouse.kind === 'chdb')
    mkdirSync(config.dataDir, { recursive: true });
  const warehouse = await openWarehouse(config.warehouse);
  try {
    const store = await openEventStore(config.store);
    try {
      await migrateWarehouseExclusively(warehouse, store.sql);
      const projections = journeyProjections({
        warehouse,
        settings: projectSettingsCache(await getSettingsStore(store.sql)),
        facts: storeFactWriter(store.store, { source: config.source }),
      });
      const selected = projectionsToRebuild(projections, names);
      const [count] = await store.sql.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM tl_events',
      );
      logger.info({ projections: selected.map((p) => p.name) }, 'rebuilding');
      // At most two lines a second, but each phase's first and last progress always shows.
      let lastLine = 0;
      let held: RebuildProgress | undefined;
      const print = (p: RebuildProgress) => {
        lastLine = performance.now();
        held = undefined;
        progress(formatLine(p), p.phase === 'done' || p.phase === 'empty');
      };
      const result = await rebuildProjections({
        store: store.store,
        warehouse,
        projections: selected,
        logSize: Number(count?.n ?? 0),
        onProgress: (p: RebuildProgress) => {
          const phaseKey = `${p.phase}:${p.projection}`;
          if (held && `${held.phase}:${held.projection}` !== phaseKey) print(held);
          if (
            p.phase === 'done' ||
            p.phase === 'empty' ||
            performance.now() - lastLine >= 500 ||
            p.done === 0
          )
            print(p);
          else held = p;
        },
      });
      // The embedded projector resumes after the replay, unless a log-driven model was left out
      // (it must then still see the events after its own, older checkpoint).
      const replaysAll = ['timeline', 'identity'].every((n) => selected.some((p) => p.name === n));
      const checkpointMoved = !config.kafka && replaysAll && result.checkpoint !== undefined;
      if (checkpointMoved)
        await saveProjectionCheckpoint(warehouse, PROJECTOR_CHECKPOINT, result.checkpoint);
      return { ...result, projections: selected.map((p) => p.name), checkpointMoved };
    } finally {
      await store.store.close();
    }
  } finally {
    await warehouse.close();
  }
}
