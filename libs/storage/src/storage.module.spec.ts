import { Inject, Injectable, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { CacheModule } from './cache.module';
import { CacheProbe } from './cache.probe';
import { KeyValueCache } from './cache/key-value-cache';
import { DatabaseProbe } from './database.probe';
import { MIGRATIONS } from './migrations';
import { SqlDatabase } from './sql/sql-database';
import { StorageModule } from './storage.module';
import { KEY_VALUE_CACHE, SQL_DATABASE } from './storage.options';

/** Stands for an app module that uses storage without importing it: the modules are global. */
@Injectable()
class Consumer {
  constructor(
    @Inject(SQL_DATABASE) readonly db: SqlDatabase,
    @Inject(KEY_VALUE_CACHE) readonly cache: KeyValueCache,
  ) {}
}

@Module({ providers: [Consumer] })
class ConsumerModule {}

describe(StorageModule.name, () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({
          database: { kind: 'pglite', dataDir: 'memory://' },
          migrateOnStart: true,
          isGlobal: true,
        }),
        CacheModule.forRoot({ kind: 'memory', prefix: 'test:', isGlobal: true }),
        ConsumerModule,
      ],
    }).compile();
  }, 60_000);

  afterAll(async () => {
    await moduleRef.close();
  });

  it('gives other modules a database migrated before they could use it', async () => {
    const { db } = moduleRef.get(Consumer);

    expect(db.kind).toBe('pglite');
    // Every migration the project ships, applied before any consumer could query.
    await expect(
      db.query('select version, name from schema_migrations order by version'),
    ).resolves.toEqual({
      rows: MIGRATIONS.map(({ version, name }) => ({ version, name })),
      rowCount: MIGRATIONS.length,
    });
    expect(MIGRATIONS[0]).toMatchObject({ version: 1, name: 'consumer_offsets' });
  });

  it('gives other modules the cache', async () => {
    const { cache } = moduleRef.get(Consumer);
    await cache.set('k', 'v');

    expect(cache.kind).toBe('memory');
    await expect(cache.get('k')).resolves.toBe('v');
  });

  it('exports probes named for readiness that report which implementation answered', async () => {
    const database = moduleRef.get(DatabaseProbe);
    const cache = moduleRef.get(CacheProbe);

    expect([database.name, cache.name]).toEqual(['postgres', 'redis']);
    await expect(database.check()).resolves.toEqual({ kind: 'pglite' });
    await expect(cache.check()).resolves.toEqual({ kind: 'memory' });
  });
});

describe(`${StorageModule.name} shutdown`, () => {
  it('closes the database when the application shuts down', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({
          database: { kind: 'pglite', dataDir: 'memory://' },
          migrateOnStart: false,
        }),
      ],
    }).compile();
    const db = moduleRef.get<SqlDatabase>(SQL_DATABASE);

    await moduleRef.close();

    await expect(db.query('select 1')).rejects.toThrow('PGlite is closed');
  }, 60_000);
});
