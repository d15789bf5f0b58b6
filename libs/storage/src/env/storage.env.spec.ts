import { InvalidEnvironmentError, parseEnv } from '@app/platform';
import { WithEmbeddedStorageEnv, WithPostgresEnv, WithRedisEnv } from './storage.env';

class ServerEnv extends WithRedisEnv(WithPostgresEnv(class {})) {}
class EmbeddedEnv extends WithEmbeddedStorageEnv(class {}) {}

describe('WithPostgresEnv / WithRedisEnv', () => {
  it('builds the module options from the variables, with defaults', () => {
    const env = parseEnv(ServerEnv, {
      DATABASE_URL: 'postgres://app@db:5432/marketstream',
      REDIS_URL: 'redis://cache:6379',
    });

    expect(env.storageOptions).toEqual({
      database: { kind: 'postgres', url: 'postgres://app@db:5432/marketstream', schema: undefined },
      migrateOnStart: true,
    });
    expect(env.cacheOptions).toEqual({
      kind: 'redis',
      url: 'redis://cache:6379',
      prefix: 'marketstream:',
    });
  });

  it('reads the schema, the migration switch and the key prefix', () => {
    const env = parseEnv(ServerEnv, {
      DATABASE_URL: 'postgresql://db/marketstream',
      DATABASE_SCHEMA: 'e2e_run7',
      MIGRATE_ON_START: 'false',
      REDIS_URL: 'rediss://cache:6380',
      CACHE_KEY_PREFIX: 'staging:',
    });

    expect(env.storageOptions).toEqual({
      database: { kind: 'postgres', url: 'postgresql://db/marketstream', schema: 'e2e_run7' },
      migrateOnStart: false,
    });
    expect(env.cacheOptions.prefix).toBe('staging:');
  });

  it('names each missing or malformed variable and what was expected', () => {
    expect(() =>
      parseEnv(ServerEnv, { DATABASE_URL: 'mysql://db/x', DATABASE_SCHEMA: 'Bad-Name' }),
    ).toThrow(
      new InvalidEnvironmentError([
        'DATABASE_URL is required: a URL starting with postgres:// or postgresql:// (got "mysql://db/x")',
        'DATABASE_SCHEMA must be a lower-case SQL identifier (letters, digits, underscore) (got "Bad-Name")',
        'REDIS_URL is required: a URL starting with redis:// or rediss:// (it is not set)',
      ]),
    );
  });
});

describe('WithEmbeddedStorageEnv', () => {
  it('puts PGlite in DATA_DIR, .data/pglite by default, and always migrates', () => {
    expect(parseEnv(EmbeddedEnv, {}).storageOptions).toEqual({
      database: { kind: 'pglite', dataDir: '.data/pglite' },
      migrateOnStart: true,
    });
    expect(
      parseEnv(EmbeddedEnv, { DATA_DIR: '/var/lib/marketstream' }).storageOptions.database,
    ).toEqual({
      kind: 'pglite',
      dataDir: '/var/lib/marketstream',
    });
  });
});
