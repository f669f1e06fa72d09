import { applySqlMigrations, type SqlMigration } from './applySqlMigrations.ts';
import type { SqlExecutor } from './sqlExecutor.ts';

/** Ordered, append-only list of schema migrations. Never edit a released entry: add a new one. */
export const MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    name: 'streams, events, checkpoints',
    statements: [
      `CREATE TABLE tl_streams (
        stream_id  text PRIMARY KEY,
        version    bigint NOT NULL
      )`,
      `CREATE TABLE tl_events (
        global_position bigserial PRIMARY KEY,
        tx              xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text NOT NULL,
        stream_version  bigint NOT NULL,
        event_id        uuid NOT NULL UNIQUE,
        type            text NOT NULL,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, stream_version)
      )`,
      `CREATE INDEX tl_events_log ON tl_events (tx, global_position)`,
      `CREATE TABLE tl_checkpoints (
        name        text PRIMARY KEY,
        checkpoint  text NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    version: 2,
    name: 'stream timestamps and erasure marker',
    statements: [
      `ALTER TABLE tl_streams
         ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
         ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
         ADD COLUMN erased_at timestamptz`,
    ],
  },
];

/** Creates the store on first start and applies pending migrations, each in its own transaction. */
export function migrateEventStore(db: SqlExecutor): Promise<number[]> {
  return applySqlMigrations(db, 'tl_schema_migrations', MIGRATIONS);
}
