import { applySqlMigrations, type SqlExecutor, type SqlMigration } from '@touchline/event-store';

const MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    name: 'projects and api keys',
    statements: [
      `CREATE TABLE tl_projects (
        project_id  text PRIMARY KEY,
        name        text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE tl_api_keys (
        key_id       text PRIMARY KEY,
        project_id   text NOT NULL REFERENCES tl_projects (project_id),
        kind         text NOT NULL CHECK (kind IN ('write', 'read', 'admin')),
        secret_hash  text NOT NULL,
        label        text NOT NULL DEFAULT '',
        rate_limit   integer,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz,
        revoked_at   timestamptz
      )`,
      `CREATE INDEX tl_api_keys_project ON tl_api_keys (project_id)`,
    ],
  },
  {
    version: 2,
    name: 'versioned project settings',
    statements: [
      `CREATE TABLE tl_project_settings (
        project_id  text NOT NULL REFERENCES tl_projects (project_id),
        kind        text NOT NULL,
        version     integer NOT NULL CHECK (version > 0),
        config      jsonb NOT NULL,
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, kind, version)
      )`,
    ],
  },
];

export const migrateAccess = (db: SqlExecutor): Promise<number[]> =>
  applySqlMigrations(db, 'tl_access_migrations', MIGRATIONS);
