import { mkdirSync } from 'node:fs';
import {
  createClient,
  type ClickHouseClient,
  type ClickHouseClientConfigOptions,
} from '@clickhouse/client';
import { drainPending } from 'chdb';
import { createChdbConnection } from 'chdb/connection';
import { acquireDirLock, type DirLock } from '@touchline/dir-lock';
import type { QueryParams, Warehouse } from './warehouse.ts';

export type WarehouseTarget =
  | { readonly kind: 'chdb'; readonly dataDir: string; readonly database?: string }
  | {
      readonly kind: 'server';
      readonly url: string;
      readonly username?: string;
      readonly password?: string;
      readonly database?: string;
    };

type ChdbAsClientConnection = NonNullable<ClickHouseClientConfigOptions['connection']>;

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * One adapter for both engines: `@clickhouse/client` over HTTP to a server, or over chdb's
 * in-process connection (ClickHouse in this process, data dir on disk, one process per dir).
 */
export async function openWarehouse(target: WarehouseTarget): Promise<Warehouse> {
  const database = target.database ?? 'touchline';
  if (!DATABASE_NAME.test(database))
    throw new TypeError(`Invalid ClickHouse database name "${database}"`);
  let lock: DirLock | undefined;
  let client: ClickHouseClient;
  if (target.kind === 'chdb') {
    mkdirSync(target.dataDir, { recursive: true });
    lock = acquireDirLock(target.dataDir, `Warehouse directory ${target.dataDir}`);
    try {
      // chdb types its connection against @clickhouse/client-common, which the client now bundles
      // under its own name: the shapes are the same at run time (covered by the contract suite).
      const connection = createChdbConnection({
        path: target.dataDir,
      }) as unknown as ChdbAsClientConnection;
      client = createClient({ connection });
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    client = createClient({
      url: target.url,
      username: target.username ?? 'default',
      password: target.password ?? '',
      request_timeout: 60_000,
      clickhouse_settings: {
        date_time_input_format: 'best_effort',
        output_format_json_quote_64bit_integers: 0,
      },
    });
  }
  try {
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  } catch (error) {
    await client.close().catch(() => undefined);
    lock?.release();
    throw error;
  }

  return {
    kind: target.kind,
    database,
    async query<Row>(sql: string, params?: QueryParams) {
      const result = await client.query({
        query: sql,
        query_params: params,
        format: 'JSONEachRow',
      });
      return result.json<Row>();
    },
    async command(sql: string, params?: QueryParams) {
      await client.command({ query: sql, query_params: params });
    },
    async insert(table: string, rows: readonly object[], options = {}) {
      if (rows.length === 0) return;
      await client.insert({
        table,
        values: rows,
        format: 'JSONEachRow',
        // Always set the token, empty meaning none: chdb's connection keeps per-query settings in
        // its session, so a token left over from an earlier insert would silently drop later rows.
        clickhouse_settings: { insert_deduplication_token: options.dedupToken ?? '' },
      });
    },
    async close() {
      try {
        // chdb aborts the process if it exits with engine work in flight: let that work finish.
        if (target.kind === 'chdb') await drainPending();
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
