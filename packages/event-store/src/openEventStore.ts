import type { CheckpointStore } from './checkpointStore.ts';
import { getPostgresCheckpointStore } from './checkpointStore.ts';
import type { EventStore } from './eventStore.ts';
import { openPgliteExecutor } from './pgliteExecutor.ts';
import { openPostgresExecutor } from './postgresExecutor.ts';
import { getPostgresEventStore } from './postgresEventStore.ts';
import type { SqlExecutor } from './sqlExecutor.ts';

export type EventStoreTarget =
  | { readonly kind: 'pglite'; readonly dataDir?: string }
  | {
      readonly kind: 'postgres';
      readonly connectionString: string;
      readonly maxConnections?: number;
    };

export interface OpenedEventStore {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly sql: SqlExecutor;
}

/** Opens (and on first start creates) the event store on PGlite or a PostgreSQL server. */
export async function openEventStore(target: EventStoreTarget): Promise<OpenedEventStore> {
  const sql =
    target.kind === 'pglite'
      ? await openPgliteExecutor(target.dataDir)
      : await openPostgresExecutor({
          connectionString: target.connectionString,
          maxConnections: target.maxConnections,
        });
  try {
    const store = await getPostgresEventStore(sql);
    return { store, checkpoints: getPostgresCheckpointStore(sql), sql };
  } catch (error) {
    await sql.close();
    throw error;
  }
}
