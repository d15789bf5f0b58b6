import { uniqueRunId } from '../../../../test/support/run-id';
import { MIGRATIONS } from '../migrations';
import { migrate } from '../migrations/migrator';
import { loadOffsets, saveOffsets } from '../offsets/consumer-offsets';
import { PostgresDatabase } from './postgres-database';
import { TransactionAbortedError } from './transaction';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// This file's own schema: its tables never meet another run's, and afterAll drops it whole.
const schema = uniqueRunId('it');

describe(PostgresDatabase.name, () => {
  let replicas: PostgresDatabase[];
  let db: PostgresDatabase;

  beforeAll(async () => {
    // Three "replicas" starting at once: creating the schema must not race either.
    replicas = await Promise.all(
      [1, 2, 3].map(() => PostgresDatabase.connect({ url: DATABASE_URL, schema })),
    );
    db = replicas[0];
  });

  afterAll(async () => {
    // The others first, so no transaction of theirs holds a lock the drop would wait for.
    await Promise.all(replicas.slice(1).map((replica) => replica.close()));
    await db.exec(`drop schema if exists "${schema}" cascade`);
    await db.close();
  });

  it('works inside its own schema on every pooled connection', async () => {
    const schemas = await Promise.all(
      [1, 2, 3, 4].map(() =>
        db.transaction(
          async (tx) => (await tx.query<{ s: string }>('select current_schema() as s')).rows[0].s,
        ),
      ),
    );

    expect(db.kind).toBe('postgres');
    expect(schemas).toEqual([schema, schema, schema, schema]);
  });

  it('applies each migration exactly once when replicas migrate at the same time', async () => {
    // The first migration only: this is about the lock, not about what later migrations create.
    const first = MIGRATIONS.filter(({ version }) => version === 1);
    const results = await Promise.all(replicas.map((replica) => migrate(replica, first)));

    expect(results.flat()).toEqual([1]);
    const { rows } = await db.query<{ version: number; name: string }>(
      'select version, name from schema_migrations order by version',
    );
    expect(rows).toEqual([{ version: 1, name: 'consumer_offsets' }]);
    const tables = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = $1 order by table_name`,
      [schema],
    );
    expect(tables.rows).toEqual([
      { table_name: 'consumer_offsets' },
      { table_name: 'schema_migrations' },
    ]);
  });

  describe('consumer offsets', () => {
    beforeAll(async () => {
      await migrate(db);
    });

    it('round-trips an upsert, bigint offsets as decimal strings', async () => {
      await saveOffsets(db, 'aggregator', [
        { topic: 'md.trade.v1', partition: 1, nextOffset: '41' },
        { topic: 'md.trade.v1', partition: 0, nextOffset: '9007199254740993' },
      ]);
      await db.transaction((tx) =>
        saveOffsets(tx, 'aggregator', [{ topic: 'md.trade.v1', partition: 1, nextOffset: '42' }]),
      );

      await expect(loadOffsets(db, 'aggregator', 'md.trade.v1')).resolves.toEqual([
        { topic: 'md.trade.v1', partition: 0, nextOffset: '9007199254740993' },
        { topic: 'md.trade.v1', partition: 1, nextOffset: '42' },
      ]);
    });
  });

  describe('transaction', () => {
    beforeAll(async () => {
      await db.exec('create table items (id int primary key, label text not null)');
    });

    beforeEach(async () => {
      await db.query('delete from items');
    });

    const labels = async () =>
      (await db.query<{ label: string }>('select label from items order by id')).rows.map(
        (row) => row.label,
      );

    it('commits the work and returns its result', async () => {
      const result = await db.transaction(async (tx) => {
        await tx.exec(`insert into items values (1, 'a'); insert into items values (2, 'b');`);
        return (await tx.query('select 1 from items')).rowCount;
      });

      expect(result).toBe(2);
      await expect(labels()).resolves.toEqual(['a', 'b']);
    });

    it('rolls back and rethrows when the work throws, leaving no row', async () => {
      const attempt = db.transaction(async (tx) => {
        await tx.query('insert into items values ($1, $2)', [1, 'lost']);
        throw new Error('aggregation failed');
      });

      await expect(attempt).rejects.toThrow('aggregation failed');
      await expect(labels()).resolves.toEqual([]);
    });

    it('refuses to report success when a failed statement was swallowed inside it', async () => {
      const attempt = db.transaction(async (tx) => {
        await tx.query('insert into items values ($1, $2)', [1, 'lost']);
        await tx
          .query('insert into items values ($1, $2)', [1, 'duplicate'])
          .catch(() => undefined);
      });

      await expect(attempt).rejects.toThrow(TransactionAbortedError);
      await expect(labels()).resolves.toEqual([]);
    });

    it('keeps uncommitted rows invisible to other connections', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let seenInside: string[] = [];
      const writing = db.transaction(async (tx) => {
        await tx.query('insert into items values ($1, $2)', [1, 'pending']);
        seenInside = await labels();
        await held;
      });

      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await writing;

      expect(seenInside).toEqual([]);
      await expect(labels()).resolves.toEqual(['pending']);
    });
  });

  it('refuses a schema name that is not a plain lower-case identifier', async () => {
    await expect(
      PostgresDatabase.connect({ url: DATABASE_URL, schema: 'x"; drop table y; --' }),
    ).rejects.toThrow('schema must match ^[a-z_][a-z0-9_]{0,62}$, got "x\\"; drop table y; --"');
  });

  it('fails to connect when no server answers', async () => {
    await expect(
      PostgresDatabase.connect({ url: 'postgres://postgres@127.0.0.1:1/postgres' }),
    ).rejects.toThrow('connect ECONNREFUSED 127.0.0.1:1');
  });
});
