import { Test, TestingModule } from '@nestjs/testing';
import { uniqueRunId } from '../../../test/support/run-id';
import { CacheModule } from './cache.module';
import { CacheProbe } from './cache.probe';
import { KeyValueCache } from './cache/key-value-cache';
import { DatabaseProbe } from './database.probe';
import { PostgresDatabase } from './sql/postgres-database';
import { SqlDatabase } from './sql/sql-database';
import { StorageModule } from './storage.module';
import { KEY_VALUE_CACHE, SQL_DATABASE } from './storage.options';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = uniqueRunId('it');
const prefix = `${schema}:`;

describe(`${StorageModule.name} and ${CacheModule.name} on real services`, () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({
          database: { kind: 'postgres', url: DATABASE_URL, schema },
          migrateOnStart: true,
        }),
        CacheModule.forRoot({ kind: 'redis', url: REDIS_URL, prefix }),
      ],
    }).compile();
  });

  afterAll(async () => {
    await moduleRef.get<KeyValueCache>(KEY_VALUE_CACHE).delete('k');
    await moduleRef.close();
    const admin = await PostgresDatabase.connect({ url: DATABASE_URL });
    await admin.exec(`drop schema if exists "${schema}" cascade`);
    await admin.close();
  });

  it('migrates the schema at start-up', async () => {
    const db = moduleRef.get<SqlDatabase>(SQL_DATABASE);

    await expect(
      db.query('select version from schema_migrations order by version'),
    ).resolves.toEqual({
      rows: [1, 2, 3, 4, 5, 6].map((version) => ({ version })),
      rowCount: 6,
    });
  });

  it('reports Postgres and Redis ready', async () => {
    await expect(moduleRef.get(DatabaseProbe).check()).resolves.toEqual({ kind: 'postgres' });
    await expect(moduleRef.get(CacheProbe).check()).resolves.toEqual({ kind: 'redis' });
  });

  it('reads back through the cache it provides', async () => {
    const cache = moduleRef.get<KeyValueCache>(KEY_VALUE_CACHE);
    await cache.set('k', 'v');

    await expect(cache.get('k')).resolves.toBe('v');
  });
});
