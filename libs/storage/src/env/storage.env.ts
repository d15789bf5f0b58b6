import { EnvBool, EnvConstructor, EnvPath, EnvRequiredUrl } from '@app/platform';
import { IsOptional, Matches } from 'class-validator';
import { CacheOptions, StorageOptions } from '../storage.options';

/** A Postgres server: the aggregator, the gateway and `npm run migrate`. */
export function WithPostgresEnv<TBase extends EnvConstructor>(Base: TBase) {
  class PostgresEnv extends Base {
    @EnvRequiredUrl(['postgres:', 'postgresql:'])
    DATABASE_URL!: string;

    /** Schema to work in, created if missing; unset: the server's default (public). */
    @IsOptional()
    @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
      message: '$property must be a lower-case SQL identifier (letters, digits, underscore)',
    })
    DATABASE_SCHEMA?: string;

    /** Apply pending migrations at start-up; turn off where `npm run migrate` runs as a separate job. */
    @EnvBool()
    MIGRATE_ON_START: boolean = true;

    get storageOptions(): StorageOptions {
      return {
        database: { kind: 'postgres', url: this.DATABASE_URL, schema: this.DATABASE_SCHEMA },
        migrateOnStart: this.MIGRATE_ON_START,
      };
    }
  }
  return PostgresEnv;
}

/** The embedded mode: PGlite persisted in a directory, always migrated at start-up. */
export function WithEmbeddedStorageEnv<TBase extends EnvConstructor>(Base: TBase) {
  class EmbeddedStorageEnv extends Base {
    /** Where the embedded database lives, relative to the working directory unless absolute. */
    @EnvPath()
    DATA_DIR: string = '.data/pglite';

    get storageOptions(): StorageOptions {
      return { database: { kind: 'pglite', dataDir: this.DATA_DIR }, migrateOnStart: true };
    }
  }
  return EmbeddedStorageEnv;
}

/** A Redis server: the aggregator and the gateway. */
export function WithRedisEnv<TBase extends EnvConstructor>(Base: TBase) {
  class RedisEnv extends Base {
    @EnvRequiredUrl(['redis:', 'rediss:'])
    REDIS_URL!: string;

    /** Prefix of every key, so several deployments can share one Redis. */
    @Matches(/^[A-Za-z0-9:._-]{0,64}$/, {
      message: '$property must be up to 64 letters, digits, colons, dots, dashes or underscores',
    })
    CACHE_KEY_PREFIX: string = 'marketstream:';

    get cacheOptions(): CacheOptions {
      return { kind: 'redis', url: this.REDIS_URL, prefix: this.CACHE_KEY_PREFIX };
    }
  }
  return RedisEnv;
}
