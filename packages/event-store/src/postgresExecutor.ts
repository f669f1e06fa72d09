import pg from 'pg';
import type { SqlExecutor } from './sqlExecutor.ts';

export interface PostgresExecutorOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
}

/** node-postgres pool on a PostgreSQL 13+ server. */
export async function openPostgresExecutor(options: PostgresExecutorOptions): Promise<SqlExecutor> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: 'touchline',
  });
  // Fail at start, with the server's own message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  return {
    kind: 'postgres',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, params as unknown[])).rows as Row[];
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          async query<Row>(sql: string, params: readonly unknown[] = []) {
            return (await client.query(sql, params as unknown[])).rows as Row[];
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel: string, onNotify: () => void) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new TypeError(`Invalid channel ${channel}`);
      let client: pg.Client | undefined;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      const connect = async (): Promise<void> => {
        const next = new pg.Client({
          connectionString: options.connectionString,
          application_name: 'touchline-listen',
        });
        next.on('notification', () => onNotify());
        next.on('error', () => {
          // The connection broke: replace it, and let the listener catch up on what it missed.
          if (stopped || client !== next) return;
          client = undefined;
          next.end().catch(() => undefined);
          retry = setTimeout(() => void connect().catch(() => undefined), 1_000);
        });
        client = next;
        try {
          await next.connect();
          await next.query(`LISTEN ${channel}`);
          onNotify();
        } catch (error) {
          if (client === next) client = undefined;
          await next.end().catch(() => undefined);
          if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), 1_000);
          throw error;
        }
      };
      await connect();
      return async () => {
        stopped = true;
        clearTimeout(retry);
        await client?.end().catch(() => undefined);
      };
    },
    async close() {
      await pool.end();
    },
  };
}
