import { PgliteDatabase } from './pglite-database';
import { TransactionAbortedError } from './transaction';

// Starting PGlite (Postgres in WebAssembly) takes seconds: one instance for the whole file.
const START_TIMEOUT_MS = 60_000;

describe(PgliteDatabase.name, () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open({ dataDir: 'memory://' });
    await db.exec('create table items (id int primary key, label text not null)');
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.query('delete from items');
  });

  const labels = async (): Promise<string[]> =>
    (await db.query<{ label: string }>('select label from items order by id')).rows.map(
      (row) => row.label,
    );

  it('reports its kind and counts rows returned and rows changed', async () => {
    const inserted = await db.query('insert into items values ($1, $2), ($3, $4)', [
      1,
      'a',
      2,
      'b',
    ]);
    const selected = await db.query<{ id: number }>('select id from items where id > $1', [1]);

    expect(db.kind).toBe('pglite');
    expect(inserted).toEqual({ rows: [], rowCount: 2 });
    expect(selected).toEqual({ rows: [{ id: 2 }], rowCount: 1 });
  });

  it('returns bigint as a decimal string, as pg does', async () => {
    const { rows } = await db.query<{ offset: unknown }>(
      'select 9007199254740993::bigint as offset',
    );

    expect(rows).toEqual([{ offset: '9007199254740993' }]);
  });

  it('runs a script of several statements with exec', async () => {
    await db.exec(`insert into items values (1, 'a'); insert into items values (2, 'b');`);

    await expect(labels()).resolves.toEqual(['a', 'b']);
  });

  describe('transaction', () => {
    it('commits the work and returns its result', async () => {
      const result = await db.transaction(async (tx) => {
        await tx.query('insert into items values ($1, $2)', [1, 'kept']);
        return 'done';
      });

      expect(result).toBe('done');
      await expect(labels()).resolves.toEqual(['kept']);
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

    it('refuses statements on tx once the transaction has ended', async () => {
      let leaked: Parameters<Parameters<PgliteDatabase['transaction']>[0]>[0] | undefined;
      await db.transaction(async (tx) => {
        leaked = tx;
      });

      await expect(leaked!.query('select 1')).rejects.toThrow('transaction is closed');
    });

    it('serializes concurrent transactions: the second starts after the first commits', async () => {
      const log: string[] = [];
      // Each reads the count, yields to the event loop, then writes what it read: interleaved, both
      // would read 0 and the second insert would hit the primary key.
      const appendNext = (name: string) =>
        db.transaction(async (tx) => {
          log.push(`${name} begin`);
          const { rows } = await tx.query<{ n: number }>('select count(*)::int as n from items');
          await new Promise((resolve) => setTimeout(resolve, 20));
          await tx.query('insert into items values ($1, $2)', [rows[0].n + 1, name]);
          log.push(`${name} commit`);
        });

      await Promise.all([appendNext('first'), appendNext('second'), db.query('select 1')]);

      expect(log).toEqual(['first begin', 'first commit', 'second begin', 'second commit']);
      await expect(labels()).resolves.toEqual(['first', 'second']);
    });

    it('makes a plain query issued during a transaction wait for its commit', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const writing = db.transaction(async (tx) => {
        await tx.query('insert into items values ($1, $2)', [1, 'committed']);
        await held;
      });
      const reading = labels();
      release();

      await writing;
      await expect(reading).resolves.toEqual(['committed']);
    });
  });
});

describe(`${PgliteDatabase.name} on disk`, () => {
  it(
    'keeps its data across close and reopen, creating the directory',
    async () => {
      const { mkdtemp, rm } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const parent = await mkdtemp(join(tmpdir(), 'pglite-'));
      const dataDir = join(parent, 'nested', 'data');
      try {
        const first = await PgliteDatabase.open({ dataDir });
        await first.exec(`create table kept (v text); insert into kept values ('persisted');`);
        await first.close();

        const second = await PgliteDatabase.open({ dataDir });
        const { rows } = await second.query('select v from kept');
        await second.close();

        expect(rows).toEqual([{ v: 'persisted' }]);
      } finally {
        await rm(parent, { recursive: true, force: true });
      }
    },
    2 * START_TIMEOUT_MS,
  );
});
