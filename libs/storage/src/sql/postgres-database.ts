import { Pool, PoolClient, QueryResultRow } from 'pg';
import { QueryRows, SqlDatabase, SqlExecutor } from './sql-database';
import { runInTransaction, SessionQuery } from './transaction';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /**
   * Schema every connection works in (created if missing). Unset: the server's default search_path.
   * Tests give each run its own schema and drop it afterwards.
   */
  schema?: string;
  /** Pool size; a replica rarely needs more than a handful of connections. */
  maxConnections?: number;
  /** How long to wait for a connection before a statement fails, instead of hanging forever. */
  connectTimeoutMs?: number;
  /** Errors of idle pooled connections (the server restarted, the network dropped). */
  onError?: (error: Error) => void;
}

// Lower case, so the quoted name means what an unquoted one would in hand-written SQL.
const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/** A Postgres server through a `pg` connection pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly kind = 'postgres';

  private constructor(private readonly pool: Pool) {}

  /** Connects (one round trip, so a wrong URL fails here) and creates the schema if one is given. */
  static async connect(options: PostgresOptions): Promise<PostgresDatabase> {
    const { schema } = options;
    if (schema !== undefined && !schemaName.test(schema)) {
      throw new Error(`schema must match ${schemaName.source}, got ${JSON.stringify(schema)}`);
    }
    const pool = new Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 5,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      // Set at connection start-up, so no pooled connection can ever run in another schema.
      options: schema === undefined ? undefined : `-c search_path=${schema}`,
    });
    // Without a listener, an idle connection's error is an uncaught 'error' event: the process dies.
    pool.on('error', options.onError ?? (() => undefined));
    const database = new PostgresDatabase(pool);
    try {
      if (schema === undefined) await database.query('select 1');
      else await database.createSchema(schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return database;
  }

  async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryRows<R>> {
    const result = await this.pool.query<QueryResultRow>(sql, params);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    // Without parameters, pg uses the simple protocol, which accepts several statements.
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      return await runInTransaction(
        sessionQuery(client),
        async (sql) => {
          await client.query(sql);
        },
        work,
        () => {
          broken = true;
        },
      );
    } finally {
      // A connection that could not roll back may still be inside the transaction: destroy it.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  /**
   * Two replicas (or two test workers) creating the same schema at once can both pass IF NOT EXISTS
   * and one then fails on the catalog's unique index; the advisory lock makes them take turns.
   */
  private async createSchema(schema: string): Promise<void> {
    await this.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`create schema ${schema}`]);
      await tx.exec(`create schema if not exists "${schema}"`);
    });
  }
}

function sessionQuery(client: PoolClient): SessionQuery {
  return async (sql, params) => {
    const result = await client.query<QueryResultRow>(sql, params);
    return { rows: result.rows, rowCount: result.rowCount ?? 0, command: result.command };
  };
}
