import { migrate, PgliteDatabase } from '@app/storage';
import { observe } from '../stats/event-ledger';
import { btcTrade, usdcWethSwap } from '../../test/support/fixed-events';
import { pruneBeyondRetention } from '../store/retention-store';
import { applyBatch } from './apply-batch';

const T = Date.UTC(2024, 0, 5, 0, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;
const WINDOWS = { ledgerMs: 7 * DAY, minutesMs: 8 * DAY };

/**
 * Retention never breaks exactly-once. How: the ledger's horizon (newest event time − ledger
 * retention) moves forward under a row lock every batch reads in share mode, ledger rows below it
 * are deleted, and any event older than it is refused instead of counted, since its id may be gone.
 * A swap's duplicate is found by its ledger row; an exchange trade's by its high-water mark, which
 * is never pruned (its ledger row only serves the trade history), so a replayed trade is a
 * duplicate at any age, and the horizon refuses old ones all the same. (Old offsets never reach the aggregator's tables at all: the stored
 * offsets fence a replay from Kafka.)
 */
describe('aggregator retention', () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open({ dataDir: 'memory://' });
    await migrate(db);
  }, 60_000);

  afterAll(() => db.close());

  type Delivered = { trade: ReturnType<typeof btcTrade> } | { swap: ReturnType<typeof swap> };
  const apply = (...events: Delivered[]) =>
    db.transaction((tx) =>
      applyBatch(
        tx,
        events.map((e) => ('trade' in e ? observe('trade', e.trade) : observe('swap', e.swap)!)),
      ),
    );
  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
  const allSpan = async () =>
    (
      await db.query<{ n: string; quote: string; start: string }>(
        `select trade_count::text as n, trim_scale(quote_volume)::text as quote,
                window_start::text as start
           from aggregator_pair_stats where pair = 'BTCUSDT' and span = 'all'`,
      )
    ).rows[0];

  const swap = (logIndex: number, time: number) =>
    usdcWethSwap(logIndex, 'confirmed', '22686110', '-10000000000000000', time);
  const old: Delivered[] = [
    { trade: btcTrade(1, '100', '1', T) },
    { trade: btcTrade(2, '101', '2', T + MINUTE) },
    { swap: swap(1, T) },
  ];
  const recent: Delivered[] = [
    { trade: btcTrade(3, '110', '0.5', T + 10 * DAY) },
    { swap: swap(2, T + 10 * DAY) },
  ];

  it('prunes the ledger and minutes behind the newest event, keeping days and the all span', async () => {
    await apply(...old, ...recent);
    expect(await allSpan()).toEqual({ n: '3', quote: '357', start: String(T) }); // 100 + 202 + 55

    const pruned = await db.transaction((tx) => pruneBeyondRetention(tx, WINDOWS));

    // The ledger rows of the old trades (2) and swap; the old minutes of BTCUSDT (2), WETH/USDC (1).
    expect(pruned).toEqual({ ledgerHorizon: T + 3 * DAY, ledgerRows: 3, minuteRows: 3 });
    expect(await count('select count(*) as n from aggregator_events')).toBe(2);
    expect(await count('select count(*) as n from aggregator_minute_windows')).toBe(2);
    expect(await count('select count(*) as n from aggregator_day_windows')).toBe(4);
    expect(await allSpan()).toEqual({ n: '3', quote: '357', start: String(T) });
  });

  it('refuses a replay of events older than the horizon instead of counting them again', async () => {
    const replayed = await apply(...old);
    expect(replayed).toMatchObject({ counted: 0, duplicates: 0, beyondRetention: 3 });
    expect(await allSpan()).toEqual({ n: '3', quote: '357', start: String(T) });

    // The recent trade is a duplicate by its mark, the recent swap by its ledger row.
    const inside = await apply(...recent, {
      trade: btcTrade(4, '111', '1', T + 10 * DAY + MINUTE),
    });
    expect(inside).toMatchObject({ counted: 1, duplicates: 2, beyondRetention: 0 });
    // Recomputed after its first minute was pruned: it still starts there (its day kept it).
    expect(await allSpan()).toEqual({ n: '4', quote: '468', start: String(T) });
  });

  it('never moves the horizon back, and refuses minutes kept shorter than the ledger and a day', async () => {
    await db.query('delete from aggregator_events');
    await db.query('delete from aggregator_minute_windows');
    const pruned = await db.transaction((tx) => pruneBeyondRetention(tx, WINDOWS));
    expect(pruned.ledgerHorizon).toBe(T + 3 * DAY);
    await expect(
      db.transaction((tx) => pruneBeyondRetention(tx, { ledgerMs: 7 * DAY, minutesMs: 7 * DAY })),
    ).rejects.toThrow('minute retention must exceed ledger retention by a day or more');
  });
});
