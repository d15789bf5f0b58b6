import {
  ConfigurableModuleBuilder,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DatabaseProbe } from './database.probe';
import { migrate } from './migrations/migrator';
import { openDatabase } from './sql/open-database';
import { SqlDatabase } from './sql/sql-database';
import { SQL_DATABASE, StorageOptions } from './storage.options';

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } =
  new ConfigurableModuleBuilder<StorageOptions>()
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: true }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal,
    }))
    .build();

const logger = new Logger('StorageModule');

/** Opens the database and, if asked, migrates it before any other provider can query it. */
async function createDatabase(options: StorageOptions): Promise<SqlDatabase> {
  const db = await openDatabase(options.database, (error) =>
    logger.warn(`idle connection: ${error.message}`),
  );
  if (options.migrateOnStart) {
    try {
      const applied = await migrate(db);
      logger.log(
        applied.length > 0 ? `applied migrations ${applied.join(', ')}` : 'schema is up to date',
      );
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

/**
 * Closes the database last: Nest runs every onModuleDestroy and beforeApplicationShutdown before any
 * onApplicationShutdown, so consumers stopped in those have finished their transactions by now.
 */
@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** The SQL database (`SQL_DATABASE`) and its readiness probe. */
@Module({
  providers: [
    { provide: SQL_DATABASE, useFactory: createDatabase, inject: [MODULE_OPTIONS_TOKEN] },
    DatabaseProbe,
    DatabaseCloser,
  ],
  exports: [SQL_DATABASE, DatabaseProbe],
})
export class StorageModule extends ConfigurableModuleClass {}
