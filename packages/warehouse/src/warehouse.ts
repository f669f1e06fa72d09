/** Bound query parameters: referenced in SQL as {name:Type}; values never enter the SQL text. */
export type QueryParams = Record<string, unknown>;

/** The analytics-store port: ClickHouse SQL, on in-process chdb or a ClickHouse server. */
export interface Warehouse {
  readonly kind: 'chdb' | 'server';
  readonly database: string;
  query<Row>(sql: string, params?: QueryParams): Promise<Row[]>;
  command(sql: string, params?: QueryParams): Promise<void>;
  /** Inserts rows (JSONEachRow). A repeated `dedupToken` makes a retried insert a no-op. */
  insert(table: string, rows: readonly object[], options?: { dedupToken?: string }): Promise<void>;
  close(): Promise<void>;
}
