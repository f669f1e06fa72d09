import { mkdirSync } from 'node:fs';
import { ingestRoutes, schemasRoutes, segmentRoutes } from '@touchline/ingest';
import { analyticsRoutes, insightsRoutes, worklistRoutes } from '@touchline/insights';
import { createRelay, type Relay } from '@touchline/relay';
import {
  bootstrapAccess,
  getAccessStore,
  getSettingsStore,
  type IssuedKey,
} from '@touchline/access';
import { adminRoutes, churnRoutes, settingsRoutes } from '@touchline/admin';
import { churnModels } from '@touchline/projector';
import { createAuthenticator, httpApp, type Config, type Logger } from '@touchline/runtime';
import { startProjector, type RunningProjector } from './startProjector.ts';
import { writeBootstrapKeys } from './writeBootstrapKeys.ts';
import { openEventStore, type OpenedEventStore } from '@touchline/event-store';
import { ensureTopic, kafkaClient, kafkaPublisher } from '@touchline/streams';
import { openWarehouse, type Warehouse } from '@touchline/warehouse';
import { migrateWarehouseExclusively } from './migrateWarehouseExclusively.ts';

export interface RunningPlatform {
  readonly url: string;
  readonly config: Config;
  /** Keys created at first start (bootstrap project), shown once; undefined afterwards. */
  readonly bootstrapKeys: readonly IssuedKey[] | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the services named in `config.services` in this process, on the engines the config
 * selects. Embedded (the default) runs everything on PGlite + chdb with the projector tailing
 * the store log; with Kafka configured the relay publishes and the projector consumes Kafka.
 */
export async function startPlatform(config: Config, logger: Logger): Promise<RunningPlatform> {
  const has = (service: string) => config.services.includes(service as never);
  const closers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const close of closers.reverse()) {
      await close().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
    }
  };
  try {
    const needsWarehouse = has('projector') || has('insights');
    const needsHttp = has('ingest') || has('insights') || has('admin');
    // API keys live in the store's database, so every HTTP service opens it.
    // The projector reads per-project settings and writes derived facts back through it.
    const needsStore =
      needsHttp ||
      has('relay') ||
      (has('projector') && (!config.kafka || config.store.kind === 'postgres'));
    if (config.store.kind === 'pglite' || config.warehouse.kind === 'chdb')
      mkdirSync(config.dataDir, { recursive: true });

    let store: OpenedEventStore | undefined;
    if (needsStore) {
      store = await openEventStore(config.store);
      closers.push(() => store!.store.close());
      logger.info({ engine: config.store.kind }, 'event store open');
    }
    const access = store ? await getAccessStore(store.sql) : undefined;
    let bootstrapKeys: IssuedKey[] | undefined;
    if (access && (has('ingest') || has('admin'))) {
      bootstrapKeys = await bootstrapAccess(access, config.auth.bootstrapProject);
      if (bootstrapKeys) {
        const file = writeBootstrapKeys(config.dataDir, bootstrapKeys);
        logger.warn(
          { projectId: config.auth.bootstrapProject, file },
          'first start: project and keys created',
        );
      }
    }
    let warehouse: Warehouse | undefined;
    if (needsWarehouse) {
      warehouse = await openWarehouse(config.warehouse);
      closers.push(() => warehouse!.close());
      const applied = await migrateWarehouseExclusively(warehouse, store?.sql);
      logger.info({ engine: config.warehouse.kind, migrationsApplied: applied }, 'warehouse open');
    }
    const kafka = config.kafka
      ? kafkaClient({
          brokers: config.kafka.brokers,
          clientId: config.kafka.clientId,
          sessionTimeoutMs: config.kafka.sessionTimeoutMs,
        })
      : undefined;
    if (kafka && config.kafka && (has('relay') || has('projector'))) {
      await ensureTopic(kafka, config.kafka.topic, config.kafka.partitions);
    }

    let relay: Relay | undefined;
    if (has('relay') && kafka && config.kafka && store) {
      const publisher = await kafkaPublisher(kafka);
      closers.push(() => publisher.close());
      const topic = config.kafka.topic;
      const started = createRelay({
        store: store.store,
        sql: store.sql,
        publisher,
        topic,
        source: config.source,
        leaseTtlMs: config.kafka.relayLeaseTtlMs,
        onError: (error) => logger.error({ err: error }, 'relay batch failed; retrying'),
        onPublished: (count, checkpoint) => logger.debug({ count, checkpoint }, 'relayed'),
        onLease: (active) =>
          logger.info({ topic }, active ? 'relay active (lease held)' : 'relay standing by'),
        onLag: (lag) => {
          if (lag.eventsBehind > 0) logger.info({ topic, ...lag }, 'relay lag');
        },
      });
      await started.start();
      closers.push(() => started.stop());
      relay = started;
      logger.info({ topic, owner: started.owner }, 'relay running');
    }

    let projector: RunningProjector | undefined;
    if (has('projector') && warehouse) {
      projector = await startProjector({ config, logger, warehouse, store, kafka });
      const running = projector;
      closers.push(() => running.stop());
    }

    const app = httpApp(logger);
    app.get('/healthz', () => ({
      status: 'ok',
      services: config.services,
      ...(relay ? { relay: relay.status() } : {}),
      ...(projector ? { projector: projector.status() } : {}),
    }));
    if (has('ingest')) await app.register(schemasRoutes, {});
    if (access) {
      const authenticate = createAuthenticator(access, config.auth);
      if (has('ingest') && store) {
        const ingest = { store: store.store, authenticate, source: config.source };
        await app.register(ingestRoutes, ingest);
        await app.register(segmentRoutes, ingest);
      }
      if (has('insights') && warehouse) {
        await app.register(insightsRoutes, { warehouse, authenticate });
        await app.register(worklistRoutes, { warehouse, authenticate });
        await app.register(analyticsRoutes, { warehouse, authenticate });
      }
      if (has('admin')) {
        await app.register(adminRoutes, { access, authenticate });
        await app.register(settingsRoutes, {
          settings: await getSettingsStore(store!.sql),
          authenticate,
          projectExists: (projectId: string) => access.projectExists(projectId),
        });
        // Churn model refit and read: needs the warehouse (orders) and the store (the facts).
        if (warehouse)
          await app.register(churnRoutes, {
            // The projector's own instance when it runs here, so a scheduled refit shows at once.
            models:
              projector?.churn ??
              churnModels({
                store: store!.store,
                warehouse,
                source: config.source,
                cacheMs: config.projector.settingsCacheMs,
              }),
            authenticate,
            projectExists: (projectId: string) => access.projectExists(projectId),
          });
      }
    }
    const url = await app.listen({ host: config.http.host, port: config.http.port });
    closers.push(() => app.close());
    logger.info({ url, services: config.services }, 'touchline ready');
    return { url, config, bootstrapKeys, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
