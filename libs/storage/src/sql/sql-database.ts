/** What one statement returns; `rowCount` is the rows returned (SELECT) or changed (INSERT/UPDATE/DELETE). */
export interface QueryRows<R> {
  rows: R[];
  rowCount: number;
}

/** Runs statements on one session: the database itself, or one transaction's connection. */
export interface SqlExecutor {
  /** One statement with `$1..$n` parameters. bigint columns come back as decimal strings, as `pg` does. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryRows<R>>;
  /**
   * A script of several statements and no parameters (migrations). Separate from `query` because
   * only the simple protocol accepts several statements, and PGlite's `query` never uses it.
   */
  exec(sql: string): Promise<void>;
}

/**
 * Postgres, as a server or embedded (PGlite). Code written against this runs on both: use only
 * SQL that PGlite's Postgres accepts (PGlite 0.5 is Postgres 18, the server here is 15: stay within 15).
 */
export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs `work` between BEGIN and COMMIT on one connection; ROLLBACK and rethrow if it throws. Use
   * only `tx` inside `work`: the database's own `query` runs on another connection (Postgres) or
   * waits for this transaction to end (PGlite, which would deadlock).
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
