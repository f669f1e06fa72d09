/** The narrow SQL port shared by the PGlite and node-postgres adapters: same SQL, same $n parameters. */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface SqlExecutor extends SqlQueryable {
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: calls `onNotify` for every NOTIFY on `channel` (a fixed identifier), over a
   * dedicated connection that reconnects by itself (and calls `onNotify` after each reconnect, as
   * notifications may have been missed). Resolves with a function that stops listening.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}
