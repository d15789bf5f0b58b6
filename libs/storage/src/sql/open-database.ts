import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';
import { SqlDatabase } from './sql-database';

/** A Postgres server in every real deployment; PGlite in a data directory in the embedded mode. */
export type DatabaseConfig =
  { kind: 'postgres'; url: string; schema?: string } | { kind: 'pglite'; dataDir: string };

export function openDatabase(
  config: DatabaseConfig,
  onError?: (error: Error) => void,
): Promise<SqlDatabase> {
  switch (config.kind) {
    case 'postgres':
      return PostgresDatabase.connect({ url: config.url, schema: config.schema, onError });
    case 'pglite':
      return PgliteDatabase.open({ dataDir: config.dataDir });
  }
}
