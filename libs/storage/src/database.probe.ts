import { ReadinessProbe, withTimeout } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { SqlDatabase } from './sql/sql-database';
import { PROBE_TIMEOUT_MS, SQL_DATABASE } from './storage.options';

/**
 * Readiness of the SQL database. Named 'postgres' in both modes (PGlite is Postgres too); on PGlite a
 * long transaction delays `select 1`, and timing out then is a fair "busy, not ready".
 */
@Injectable()
export class DatabaseProbe implements ReadinessProbe {
  readonly name = 'postgres';

  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async check(): Promise<Record<string, unknown>> {
    await withTimeout(this.db.query('select 1'), PROBE_TIMEOUT_MS, 'the database did not answer');
    return { kind: this.db.kind };
  }
}
