import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dockerReachable, reportAvailability, type Availability } from './engineAvailability.ts';

export interface TestPostgres {
  /** Connection string of a fresh, empty database; dropped by `drop()`. */
  readonly url: string;
  drop(): Promise<void>;
}

let serverUrl: Promise<Availability<string>> | undefined;

async function findServer(): Promise<Availability<string>> {
  const fromEnv = process.env.TL_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (fromEnv) return { available: true, value: fromEnv, source: 'env' };
  if (await dockerReachable()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:17-alpine').start();
    return { available: true, value: container.getConnectionUri(), source: 'testcontainers' };
  }
  return {
    available: false,
    reason: 'no TL_TEST_DATABASE_URL / DATABASE_URL set and no Docker engine reachable',
  };
}

/** The PostgreSQL server for integration tests: env first, else testcontainers, else a printed skip. */
export async function postgresServer(): Promise<Availability<string>> {
  serverUrl ??= findServer().then((found) => reportAvailability('postgres', found));
  return serverUrl;
}

/** Creates a throw-away database on the server so suites never see each other's rows. */
export async function createTestDatabase(server: string): Promise<TestPostgres> {
  const name = `tl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
