import { PGlite, types } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import { Mutex } from './mutex';
import { QueryRows, SqlDatabase, SqlExecutor } from './sql-database';
import { runInTransaction, SessionQuery } from './transaction';

export interface PgliteOptions {
  /** Directory the database lives in (created if missing), or `memory://` for a throw-away one. */
  dataDir: string;
}

/**
 * Postgres compiled to WebAssembly, inside this process: the embedded mode's database. It has one
 * session, so every statement and transaction takes turns through a mutex.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite';
  private readonly mutex = new Mutex();

  private constructor(private readonly pglite: PGlite) {}

  static async open(options: PgliteOptions): Promise<PgliteDatabase> {
    if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
    const pglite = await PGlite.create(options.dataDir, {
      // pg returns bigint as a string (it may not fit a number); PGlite returns a BigInt. Agree with pg.
      parsers: { [types.INT8]: (value: string) => value },
    });
    return new PgliteDatabase(pglite);
  }

  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryRows<R>> {
    return this.mutex.run(async () => {
      const { rows, rowCount } = await this.run(sql, params);
      return { rows: rows as R[], rowCount };
    });
  }

  exec(sql: string): Promise<void> {
    return this.mutex.run(() => this.runScript(sql));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.mutex.run(() => runInTransaction(this.run, (sql) => this.runScript(sql), work));
  }

  /** Waits for the statements already queued, then closes; an open instance keeps the process alive. */
  close(): Promise<void> {
    return this.mutex.run(async () => {
      if (!this.pglite.closed) await this.pglite.close();
    });
  }

  private readonly run: SessionQuery = async (sql, params) => {
    const result = await this.pglite.query(sql, params);
    return { rows: result.rows, rowCount: result.rowCount ?? 0, command: result.command ?? '' };
  };

  private async runScript(sql: string): Promise<void> {
    await this.pglite.exec(sql);
  }
}
