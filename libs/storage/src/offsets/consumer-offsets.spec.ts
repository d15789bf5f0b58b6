import { migrate } from '../migrations/migrator';
import { PgliteDatabase } from '../sql/pglite-database';
import { loadOffsets, saveOffsets } from './consumer-offsets';

// Starting PGlite (Postgres in WebAssembly) takes seconds: one instance for the whole file.
const START_TIMEOUT_MS = 60_000;

describe(saveOffsets.name, () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open({ dataDir: 'memory://' });
    await migrate(db);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.query('delete from consumer_offsets');
  });

  it('stores offsets and reads them back by partition, as decimal strings', async () => {
    await saveOffsets(db, 'aggregator', [
      { topic: 'md.trade.v1', partition: 2, nextOffset: '9007199254740993' },
      { topic: 'md.trade.v1', partition: 0, nextOffset: '15' },
      { topic: 'dex.swap.v1', partition: 0, nextOffset: '7' },
    ]);

    await expect(loadOffsets(db, 'aggregator', 'md.trade.v1')).resolves.toEqual([
      { topic: 'md.trade.v1', partition: 0, nextOffset: '15' },
      { topic: 'md.trade.v1', partition: 2, nextOffset: '9007199254740993' },
    ]);
    await expect(loadOffsets(db, 'other-group', 'md.trade.v1')).resolves.toEqual([]);
  });

  it('overwrites a stored partition, and the last entry wins within one call', async () => {
    await saveOffsets(db, 'aggregator', [{ topic: 't', partition: 0, nextOffset: '10' }]);
    await saveOffsets(db, 'aggregator', [
      { topic: 't', partition: 0, nextOffset: '11' },
      { topic: 't', partition: 0, nextOffset: '12' },
    ]);

    await expect(loadOffsets(db, 'aggregator', 't')).resolves.toEqual([
      { topic: 't', partition: 0, nextOffset: '12' },
    ]);
  });

  it('does nothing for an empty list', async () => {
    await saveOffsets(db, 'aggregator', []);

    await expect(db.query('select * from consumer_offsets')).resolves.toEqual({
      rows: [],
      rowCount: 0,
    });
  });

  it('commits or rolls back together with the rest of the transaction', async () => {
    const attempt = db.transaction(async (tx) => {
      await saveOffsets(tx, 'aggregator', [{ topic: 't', partition: 0, nextOffset: '10' }]);
      throw new Error('writing the aggregates failed');
    });

    await expect(attempt).rejects.toThrow('writing the aggregates failed');
    await expect(loadOffsets(db, 'aggregator', 't')).resolves.toEqual([]);
  });
});
