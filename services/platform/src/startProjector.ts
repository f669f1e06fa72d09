import { getSettingsStore } from '@touchline/access';
import type { OpenedEventStore } from '@touchline/event-store';
import { ChurnFitError } from '@touchline/journey';
import {
  churnModels,
  journeyProjections,
  refitProjectsWithOrders,
  projectSettingsCache,
  storeFactWriter,
  type ChurnModels,
  type FactWriter,
} from '@touchline/projector';
import type { Config, Logger } from '@touchline/runtime';
import {
  type kafkaClient,
  kafkaSource,
  storeLogSource,
  type EventSource,
  type SourcedEvent,
} from '@touchline/streams';
import {
  loadProjectionCheckpoint,
  saveProjectionCheckpoint,
  type Warehouse,
} from '@touchline/warehouse';

/** The embedded projector's position in the store log (all projections move together). */
export const PROJECTOR_CHECKPOINT = 'projector';

export interface ProjectorStatus {
  readonly source: 'kafka' | 'store log';
  readonly batches: number;
  readonly events: number;
  readonly lastBatchAt: string | null;
  readonly customersRecomputed: number;
  readonly derivedFactsAppended: number;
  readonly lastReviewAt: string | null;
  /** False when derived facts cannot be written back (a Kafka projector without DATABASE_URL). */
  readonly writesDerivedFacts: boolean;
}

export interface RunningProjector {
  /** The churn models this projector refits on schedule (undefined without the shared store). */
  readonly churn: ChurnModels | undefined;
  status(): ProjectorStatus;
  stop(): Promise<void>;
}

/**
 * Runs every projection (timeline → identity → customer state) on one source: the Kafka
 * consumer group in distributed mode, else the store log with its checkpoint in the warehouse.
 * Per-project settings and the write-back of derived facts need the store's database; a Kafka
 * projector given only a local PGlite store runs on default settings and writes no facts (logged).
 * Customer state is recomputed by a worker loop from the queue the log pass fills; a timer
 * re-evaluates customers whose time-based rules come due (`TL_REVIEW_INTERVAL_MS`).
 */
export async function startProjector(deps: {
  readonly config: Config;
  readonly logger: Logger;
  readonly warehouse: Warehouse;
  readonly store: OpenedEventStore | undefined;
  readonly kafka: ReturnType<typeof kafkaClient> | undefined;
}): Promise<RunningProjector> {
  const { config, logger, warehouse, store, kafka } = deps;
  const shared =
    store !== undefined &&
    (store.sql.kind === 'postgres' || !config.kafka || config.services.includes('relay'));
  if (!shared) {
    logger.warn(
      'projector without the shared store (set DATABASE_URL): default rules for every project, ' +
        'and lifecycle / SLA facts are not written back',
    );
  }
  const facts: FactWriter | undefined = shared
    ? storeFactWriter(store.store, {
        source: config.source,
        onConflict: (eventId) =>
          logger.debug({ eventId }, 'derived fact already asserted with other data; kept'),
      })
    : undefined;
  const stats = {
    batches: 0,
    events: 0,
    lastBatchAt: null as string | null,
    customersRecomputed: 0,
    derivedFactsAppended: 0,
    lastReviewAt: null as string | null,
  };
  // The churn models: refitted on schedule below, read by the churn warnings of the projection.
  const churn = shared
    ? churnModels({
        store: store.store,
        warehouse,
        source: config.source,
        cacheMs: config.projector.settingsCacheMs,
      })
    : undefined;
  const projections = journeyProjections({
    warehouse,
    ...(churn ? { churnModels: churn } : {}),
    settings: projectSettingsCache(shared ? await getSettingsStore(store.sql) : undefined, {
      ttlMs: config.projector.settingsCacheMs,
    }),
    ...(facts ? { facts } : {}),
    onRecomputed: (customers, appended) => {
      stats.customersRecomputed += customers;
      stats.derivedFactsAppended += appended;
    },
  });

  const onError = (error: unknown) =>
    logger.error({ err: error }, 'projector batch failed; retrying');
  const source: EventSource =
    kafka && config.kafka
      ? kafkaSource({
          kafka,
          topic: config.kafka.topic,
          groupId: config.kafka.groupId,
          onError,
        })
      : storeLogSource({
          store: store!.store,
          position: {
            load: () => loadProjectionCheckpoint(warehouse, PROJECTOR_CHECKPOINT),
            save: (checkpoint) =>
              saveProjectionCheckpoint(warehouse, PROJECTOR_CHECKPOINT, checkpoint),
          },
          onError,
        });
  // Customer state is recomputed by its own loop from the queue the log pass fills, so a burst
  // of events delays profiles and stages, never the timeline.
  let running = true;
  let wake: (() => void) | undefined;
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, 250);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  const worker = (async () => {
    while (running) {
      try {
        if ((await projections.customerState.drain()) === 0) await idle();
      } catch (error) {
        logger.error({ err: error }, 'customer state recompute failed; retrying');
        if (running) await idle();
      }
    }
  })();

  await source.start(async (events: readonly SourcedEvent[]) => {
    for (const projection of projections.all) await projection.handle(events);
    stats.batches += 1;
    stats.events += events.length;
    stats.lastBatchAt = new Date().toISOString();
    wake?.();
  });

  let reviewing = false;
  const timer = setInterval(() => {
    if (reviewing) return;
    reviewing = true;
    projections.customerState
      .sweep()
      .then((count) => {
        stats.lastReviewAt = new Date().toISOString();
        if (count > 0) logger.info({ customers: count }, 'time-based rules re-evaluated');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'review sweep failed; will retry'))
      .finally(() => {
        reviewing = false;
      });
  }, config.projector.reviewIntervalMs);
  timer.unref();
  // Scheduled churn model refit (TL_REFIT_INTERVAL_MS; 0: on demand only). Facts need the store.
  let refitting = false;
  const refitTimer =
    churn && config.projector.refitIntervalMs > 0
      ? setInterval(() => {
          if (refitting) return;
          refitting = true;
          refitProjectsWithOrders(churn, warehouse, new Date())
            .then((outcomes) => {
              for (const o of outcomes) {
                if ('result' in o)
                  logger.info(
                    {
                      projectId: o.projectId,
                      version: o.result.model.version,
                      refitted: o.result.appended,
                    },
                    'churn model refitted',
                  );
                else if (o.error instanceof ChurnFitError)
                  logger.info(
                    { projectId: o.projectId, reason: o.error.message },
                    'churn model not refitted',
                  );
                else
                  logger.error(
                    { projectId: o.projectId, err: o.error },
                    'churn model refit failed',
                  );
              }
            })
            .catch((error: unknown) =>
              logger.error({ err: error }, 'churn refit failed; will retry'),
            )
            .finally(() => {
              refitting = false;
            });
        }, config.projector.refitIntervalMs)
      : undefined;
  refitTimer?.unref();
  logger.info(
    { from: kafka ? 'kafka' : 'store log', projections: projections.all.map((p) => p.name) },
    'projector running',
  );

  return {
    churn,
    status: () => ({ source: kafka ? 'kafka' : 'store log', writesDerivedFacts: shared, ...stats }),
    async stop() {
      clearInterval(timer);
      clearInterval(refitTimer);
      await source.stop();
      running = false;
      wake?.();
      await worker;
    },
  };
}
