import { PgliteDatabase } from '../sql/pglite-database';
import { MIGRATIONS } from './index';
import { Migration } from './migration';
import { migrate } from './migrator';

// Starting PGlite (Postgres in WebAssembly) takes seconds: one instance, emptied before each test.
const START_TIMEOUT_MS = 60_000;

describe(migrate.name, () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open({ dataDir: 'memory://' });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.exec('drop schema public cascade; create schema public;');
  });

  const SHIPPED = [
    { version: 1, name: 'consumer_offsets' },
    { version: 2, name: 'aggregator_stats' },
    { version: 3, name: 'aggregator_day_windows' },
    { version: 4, name: 'aggregator_retention' },
    { version: 5, name: 'aggregator_day_first_minute' },
    { version: 6, name: 'aggregator_trade_marks' },
  ];

  const recorded = async () =>
    (
      await db.query<{ version: number; name: string }>(
        'select version, name from schema_migrations order by version',
      )
    ).rows;

  it('applies every migration once; a second run applies nothing', async () => {
    await expect(migrate(db)).resolves.toEqual([1, 2, 3, 4, 5, 6]);
    await expect(migrate(db)).resolves.toEqual([]);

    await expect(recorded()).resolves.toEqual(SHIPPED);
    const columns = await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `select column_name, data_type, is_nullable from information_schema.columns
       where table_name = 'consumer_offsets' order by ordinal_position`,
    );
    expect(columns.rows).toEqual([
      { column_name: 'group_id', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'topic', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'partition', data_type: 'integer', is_nullable: 'NO' },
      { column_name: 'next_offset', data_type: 'bigint', is_nullable: 'NO' },
      { column_name: 'updated_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
    ]);
  });

  it('applies only the versions added since the last run, in order', async () => {
    const added: Migration[] = [
      { version: 7, name: 'second', sql: 'create table second (id int)' },
      {
        version: 8,
        name: 'third',
        sql: 'create table third (id int); insert into third values (3);',
      },
    ];
    await migrate(db, MIGRATIONS);

    await expect(migrate(db, [...MIGRATIONS, ...added])).resolves.toEqual([7, 8]);
    await expect(recorded()).resolves.toEqual([
      ...SHIPPED,
      { version: 7, name: 'second' },
      { version: 8, name: 'third' },
    ]);
  });

  it('leaves neither the changes nor the record of a migration that fails, and stops there', async () => {
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: 7,
        name: 'broken',
        sql: 'create table half_done (id int); select no_such_column from half_done;',
      },
      { version: 8, name: 'after', sql: 'create table after_broken (id int)' },
    ];

    await expect(migrate(db, broken)).rejects.toThrow('column "no_such_column" does not exist');
    await expect(recorded()).resolves.toEqual(SHIPPED);
    const tables = await db.query(
      `select table_name from information_schema.tables where table_name in ('half_done', 'after_broken')`,
    );
    expect(tables.rows).toEqual([]);
  });

  it('refuses migrations listed out of order before touching the database', async () => {
    const unordered: Migration[] = [
      { version: 2, name: 'two', sql: 'select 1' },
      { version: 1, name: 'one', sql: 'select 1' },
    ];

    await expect(migrate(db, unordered)).rejects.toThrow(
      'migration versions must be positive and increasing; 1 is out of order',
    );
    const tables = await db.query(
      `select 1 from information_schema.tables where table_name = 'schema_migrations'`,
    );
    expect(tables.rowCount).toBe(0);
  });
});
