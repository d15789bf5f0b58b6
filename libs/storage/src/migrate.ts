import { loadEnvOrExit } from '@app/platform';
import { WithPostgresEnv } from './env/storage.env';
import { migrate } from './migrations/migrator';
import { PostgresDatabase } from './sql/postgres-database';

/*
 * `npm run migrate`: brings the Postgres schema up to date and exits. For deployments that migrate
 * in a separate job (a Kubernetes Job or init container) with MIGRATE_ON_START=false in the apps.
 */
class MigrateEnv extends WithPostgresEnv(class {}) {}

async function main(): Promise<void> {
  const env = loadEnvOrExit(MigrateEnv);
  const db = await PostgresDatabase.connect({ url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA });
  try {
    const applied = await migrate(db);
    const where = env.DATABASE_SCHEMA === undefined ? '' : ` in schema ${env.DATABASE_SCHEMA}`;
    process.stdout.write(
      applied.length > 0
        ? `applied migrations${where}: ${applied.join(', ')}\n`
        : `no pending migrations${where}\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `migration failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
