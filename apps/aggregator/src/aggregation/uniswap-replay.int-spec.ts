import { migrate, PostgresDatabase } from '@app/storage';
import { Client } from 'pg';
import { uniqueRunId } from '../../../../test/support/run-id';
import { DATABASE_URL } from '../../../../test/support/services';
import { countedFills, independentStats } from '../../test/support/independent-stats';
import { recordedSwapEvents } from '../../test/support/recorded-swaps';
import { differences, storedStats } from '../../test/support/stored-stats';
import { observe } from '../stats/event-ledger';
import { applyBatch } from './apply-batch';

/**
 * Real Uniswap v3 swaps of 2024-01-05 (USDC/WETH 0.05 % and oSQTH/WETH), replayed in batches and
 * then replayed again: every per-minute figure equals an independent BigInt computation.
 */
describe('uniswap v3 replay', () => {
  const schema = uniqueRunId('it_agg').toLowerCase();
  const pg = new Client({ connectionString: DATABASE_URL });
  let db: PostgresDatabase;

  beforeAll(async () => {
    db = await PostgresDatabase.connect({ url: DATABASE_URL, schema });
    await migrate(db);
    await pg.connect();
  });

  afterAll(async () => {
    await db.close();
    await pg.query(`drop schema if exists ${schema} cascade`);
    await pg.end();
  });

  it('gives per-minute counts, volumes and VWAPs equal to an independent computation', async () => {
    const swaps = [
      ...recordedSwapEvents('0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640'),
      ...recordedSwapEvents('0x82c427adfdf2d245ec51d8046b41c4ee87f0d29c'),
    ];
    expect(swaps).toHaveLength(6046 + 41);
    for (const pass of [1, 2]) {
      for (let i = 0; i < swaps.length; i += 500) {
        const observations = swaps.slice(i, i + 500).flatMap((s) => observe('swap', s) ?? []);
        const applied = await db.transaction((tx) => applyBatch(tx, observations));
        if (pass === 2) expect(applied.counted).toBe(0);
      }
    }

    const expected = independentStats(
      countedFills(swaps.map((value) => ({ topic: 'swap', value }))),
    );
    const stored = await storedStats(pg, schema);
    expect(differences(expected.minutes, stored.minutes)).toEqual([]);
    expect(differences(expected.spans, stored.spans)).toEqual([]);
    expect(stored.spans.get('WETH/USDC all')?.tradeCount).toBe(6046);
    expect(stored.spans.get('OSQTH/WETH all')?.tradeCount).toBe(41);
    // The day's first swap: 22.686110 USDC in, 0.01 WETH out, 00:00:23 UTC.
    expect(stored.minutes.get(`WETH/USDC ${Date.UTC(2024, 0, 5)}`)).toMatchObject({
      open: '2268.611',
    });
  }, 120_000);
});
