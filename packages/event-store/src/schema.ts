import type { SqlExecutor } from './sqlExecutor.ts';

/** Ordered, append-only list of schema migrations. Never edit a released entry: add a new one. */
export const MIGRATIONS: readonly {
  version: number;
  name: string;
  statements: readonly string[];
}[] = [
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

const LOCK_KEY = 7_402_113; // advisory lock id: one migrator at a time per database

/** Creates the store on first start and applies pending migrations, each in its own transaction. */
export async function migrateEventStore(db: SqlExecutor): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      await tx.query(`CREATE TABLE IF NOT EXISTS tl_schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const rows = await tx.query('SELECT 1 FROM tl_schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (rows.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO tl_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
