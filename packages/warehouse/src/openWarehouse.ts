import { mkdirSync } from 'node:fs';
import {
  createClient,
  type ClickHouseClient,
  type ClickHouseClientConfigOptions,
} from '@clickhouse/client';
import { drainPending } from 'chdb';
import { createChdbConnection, type ChdbConnection } from 'chdb/connection';
import { parseError } from '@clickhouse/client';
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
  let chdb: ChdbConnection | undefined;
  if (target.kind === 'chdb') {
    mkdirSync(target.dataDir, { recursive: true });
    lock = acquireDirLock(target.dataDir, `Warehouse directory ${target.dataDir}`);
    try {
      // chdb types its connection against @clickhouse/client-common, which the client now bundles
      // under its own name: the shapes are the same at run time (covered by the contract suite).
      chdb = createChdbConnection({ path: target.dataDir });
      client = createClient({ connection: chdb as unknown as ChdbAsClientConnection });
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
      if (chdb) {
        await chdbInsert(chdb, table, rows, options.dedupToken);
        return;
      }
      await client.insert({
        table,
        values: rows,
        format: 'JSONEachRow',
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

/**
 * chdb's own insert: the rows go to the engine as one Buffer, with the dedup token as a setting of
 * this INSERT only. The client's path over chdb costs more CPU for the same rows (it streams each
 * row, joins the stream back into one string and passes the rows inside the SQL text), and sends
 * the token as a `SET` that chdb keeps in its session.
 */
async function chdbInsert(
  chdb: ChdbConnection,
  table: string,
  rows: readonly object[],
  dedupToken: string | undefined,
): Promise<void> {
  const compact = compactRows(rows);
  try {
    await chdb.chdb.rawInsert({
      table,
      ...(compact
        ? { format: 'JSONCompactEachRow', columns: compact.columns, values: compact.body }
        : {
            format: 'JSONEachRow',
            values: Buffer.from(rows.map((row) => JSON.stringify(row)).join('\n')),
          }),
      settings: { insert_deduplication_token: dedupToken ?? '' },
    });
  } catch (error) {
    // The same error shape as the client's path (code, type), the engine's error kept as cause.
    const mapped = parseError(error instanceof Error ? error.message : String(error));
    if (mapped !== error) mapped.cause = error;
    throw mapped;
  }
}

/**
 * Rows that all have the first row's keys, as JSONCompactEachRow (one array per row, no key
 * names): about half the serialising work of JSONEachRow and less for the engine to parse.
 * Undefined when the rows' keys differ, so the caller sends JSONEachRow.
 */
function compactRows(
  rows: readonly object[],
): { readonly columns: string[]; readonly body: Buffer } | undefined {
  const columns = Object.keys(rows[0]!);
  const lines: string[] = [];
  for (const row of rows as readonly Record<string, unknown>[]) {
    let keys = 0;
    for (const key in row) if (Object.hasOwn(row, key)) keys++;
    if (keys !== columns.length) return undefined;
    const values: unknown[] = [];
    for (const column of columns) {
      if (!Object.hasOwn(row, column)) return undefined;
      values.push(row[column]);
    }
    lines.push(JSON.stringify(values));
  }
  return { columns, body: Buffer.from(lines.join('\n')) };
}
