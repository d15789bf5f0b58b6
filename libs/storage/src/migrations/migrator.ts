import { SqlDatabase, SqlExecutor } from '../sql/sql-database';
import { MIGRATIONS } from './index';
import { Migration } from './migration';

/*
 * Every replica may run migrations as it starts. Each step takes a transaction-scoped advisory lock
 * first, so when two start together one waits while the other applies, then sees the version
 * recorded and skips it. The key is per schema, so test runs in their own schemas don't queue up.
 */
const LOCK_NAMESPACE = 0x6d696772; // 'migr'
const LOCK = `select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(coalesce(current_schema(), '')))`;

/** Applies the migrations `db` has not seen, in version order; returns the versions it applied. */
export async function migrate(
  db: SqlDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  assertOrdered(migrations);
  const done = await db.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(`
      create table if not exists schema_migrations (
        version    int primary key,
        name       text not null,
        applied_at timestamptz not null default now()
      )`);
    return appliedVersions(tx);
  });

  const applied: number[] = [];
  for (const migration of migrations.filter((m) => !done.has(m.version))) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query(LOCK);
      // Another replica may have applied it while we waited for the lock.
      if ((await appliedVersions(tx)).has(migration.version)) return false;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

async function appliedVersions(tx: SqlExecutor): Promise<Set<number>> {
  const { rows } = await tx.query<{ version: number }>('select version from schema_migrations');
  return new Set(rows.map((row) => row.version));
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (
      !Number.isInteger(migration.version) ||
      migration.version <= (migrations[index - 1]?.version ?? 0)
    ) {
      throw new Error(
        `migration versions must be positive and increasing; ${migration.version} is out of order`,
      );
    }
  });
}
