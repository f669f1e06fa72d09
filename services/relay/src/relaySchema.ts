import { applySqlMigrations, type SqlExecutor, type SqlMigration } from '@touchline/event-store';

const MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    name: 'relay leases',
    statements: [
      `CREATE TABLE tl_relay_leases (
        name         text PRIMARY KEY,
        owner        text NOT NULL,
        expires_at   timestamptz NOT NULL,
        acquired_at  timestamptz NOT NULL,
        epoch        bigint NOT NULL
      )`,
    ],
  },
];

/** Creates the relay's tables in the store's database (idempotent, safe from several processes). */
export const migrateRelay = (db: SqlExecutor): Promise<number[]> =>
  applySqlMigrations(db, 'tl_relay_migrations', MIGRATIONS);
