import { SwapEvent, TradeEvent } from '@app/contracts';
import { migrate, MIGRATIONS, PgliteDatabase } from '@app/storage';
import { btcTrade, usdcWethSwap } from '../../test/support/fixed-events';
import { countedFills, Figures, independentStats } from '../../test/support/independent-stats';
import { applyBatch } from '../aggregation/apply-batch';
import { observe } from '../stats/event-ledger';
import { FIGURES } from './stats-reader';
import { recomputeDayWindows, recomputePairStats } from './window-store';

type SpanBounds = { windowStart: number; windowEnd: number };

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Friday 5 January 2024, 00:00 UTC: the first of the history's days. */
const D0 = Date.UTC(2024, 0, 5);

const trade = (tradeId: number, price: string, qty: string, time: number): TradeEvent =>
  btcTrade(tradeId, price, qty, time, tradeId % 2 === 0);
/** `usdc` (6 decimals) into the pool, `weth` (18 decimals) out of it: the taker buys WETH. */
const swap = (
  logIndex: number,
  status: SwapEvent['status'],
  usdc: string,
  weth: string,
  time: number,
) => usdcWethSwap(logIndex, status, usdc, `-${weth}`, time);

type Delivered = { topic: 'trade'; value: TradeEvent } | { topic: 'swap'; value: SwapEvent };
const trades = (...events: TradeEvent[]): Delivered[] =>
  events.map((value) => ({ topic: 'trade', value }));
const swaps = (...events: SwapEvent[]): Delivered[] =>
  events.map((value) => ({ topic: 'swap', value }));

/** Four UTC days of two pairs, in five batches: late trades, a duplicate, a day emptied by a reorg. */
const BATCHES: Delivered[][] = [
  [
    ...trades(
      trade(10, '42000.5', '0.25', D0 + 10 * HOUR),
      trade(11, '42010', '0.1', D0 + DAY - 30_000), // the last minute of day 0
      trade(12, '41990.25', '1.5', D0 + DAY + 10_000), // the first minute of day 1
    ),
    ...swaps(
      swap(1, 'confirmed', '2268611000', '1000000000000000000', D0 + 2 * HOUR),
      swap(2, 'confirmed', '4540000000', '2000000000000000000', D0 + DAY + 3 * HOUR),
      swap(3, 'pending', '1', '1', D0 + 2 * DAY),
    ),
  ],
  [
    ...trades(
      trade(13, '43100', '0.003', D0 + 2 * DAY + 12 * HOUR),
      trade(11, '42010', '0.1', D0 + DAY - 30_000), // redelivered: counts once
    ),
    ...swaps(
      swap(3, 'confirmed', '3333333333', '1470000000000000001', D0 + 2 * DAY + HOUR),
      swap(4, 'failed', '5', '5', D0 + 2 * DAY + HOUR),
    ),
  ],
  // Late: a new open for day 0 (and for the whole history), a new close for day 1. Late in event
  // time, not in id: the exchange numbers a symbol's trades in order (`trade-marks.ts`).
  trades(
    trade(15, '41000', '2', D0 + 5 * HOUR),
    trade(16, '42500.125', '0.8', D0 + DAY + 20 * HOUR),
  ),
  // Day 1 of WETH/USDC had this one swap: the reorg leaves it without minutes.
  swaps(swap(2, 'reorged', '4540000000', '2000000000000000000', D0 + DAY + 3 * HOUR)),
  [
    ...trades(trade(17, '43000', '0.5', D0 + 3 * DAY + HOUR)),
    ...swaps(swap(5, 'confirmed', '2300000000', '1000000000000000000', D0 + 3 * DAY + 2 * HOUR)),
  ],
];

describe(recomputePairStats.name, () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open({ dataDir: 'memory://' });
    await migrate(db);
  }, 60_000);

  afterAll(() => db.close());

  const storedAll = async (): Promise<Map<string, Figures & SpanBounds>> => {
    const { rows } = await db.query<
      Figures & { pair: string; windowStart: string; windowEnd: string }
    >(
      `select pair, window_start as "windowStart", window_end as "windowEnd", ${FIGURES}
       from aggregator_pair_stats where span = 'all'`,
    );
    return new Map(
      rows.map(({ pair, windowStart, windowEnd, ...figures }) => [
        `${pair} all`,
        { ...figures, windowStart: Number(windowStart), windowEnd: Number(windowEnd) },
      ]),
    );
  };

  it('sums the all span from day windows to the figures of every counted event, over four UTC days', async () => {
    for (const batch of BATCHES) {
      const observations = batch.flatMap((d) =>
        d.topic === 'trade' ? [observe('trade', d.value)] : (observe('swap', d.value) ?? []),
      );
      await db.transaction((tx) => applyBatch(tx, observations));
    }

    const { spans } = independentStats(countedFills(BATCHES.flat()));
    const expectedAll = new Map([...spans].filter(([key]) => key.endsWith(' all')));
    expect(await storedAll()).toEqual(expectedAll);
    // The independent figures are what they should be, and the day emptied by the reorg is gone.
    expect(expectedAll.get('WETH/USDC all')).toMatchObject({
      tradeCount: 3,
      open: '2268.611',
      close: '2300',
      windowStart: D0 + 2 * HOUR,
      windowEnd: D0 + 3 * DAY + 2 * HOUR + 60_000,
    });
    expect(expectedAll.get('BTCUSDT all')).toMatchObject({
      tradeCount: 7,
      open: '41000',
      close: '43000',
    });
    const days = await db.query<{ pair: string; day: string; n: number }>(
      `select pair, day_start::text as day, trade_count::int as n from aggregator_day_windows
       order by pair, day_start`,
    );
    expect(days.rows).toEqual([
      { pair: 'BTCUSDT', day: String(D0), n: 3 },
      { pair: 'BTCUSDT', day: String(D0 + DAY), n: 2 },
      { pair: 'BTCUSDT', day: String(D0 + 2 * DAY), n: 1 },
      { pair: 'BTCUSDT', day: String(D0 + 3 * DAY), n: 1 },
      { pair: 'WETH/USDC', day: String(D0), n: 1 },
      { pair: 'WETH/USDC', day: String(D0 + 2 * DAY), n: 1 },
      { pair: 'WETH/USDC', day: String(D0 + 3 * DAY), n: 1 },
    ]);
  });
});

describe('migration 003 aggregator_day_windows', () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open({ dataDir: 'memory://' });
  }, 60_000);

  afterAll(() => db.close());

  const MINUTE_COLUMNS = `pair, minute_start, market, trade_count, base_volume, quote_volume, price_sum,
    vwap, open, high, low, close, avg_price, buy_volume, sell_volume`;
  /** Minute windows as the aggregator stored them before 003 (an open kept with its trailing 0). */
  // prettier-ignore
  const MINUTES = [
    // pair, minute_start, market, trade_count, base, quote, price_sum, vwap, open, high, low, close, avg, buy, sell
    ['BTCUSDT', D0, 'spot', 2, '1.5', '150.75', '201', '100.5', '100.50', '101', '100', '100', '100.5', '1', '0.5'],
    ['BTCUSDT', D0 + DAY - 60_000, 'spot', 1, '2', '206', '103', '103', '103', '103', '103', '103', '103', '0', '2'],
    ['BTCUSDT', D0 + DAY, 'spot', 1, '0.1', '10.4', '104', '104', '104', '104', '104', '104', '104', '0.1', '0'],
    ['ETHUSDT', D0 + DAY + HOUR, 'spot', 1, '3', '6', '2', '2', '2', '2', '2', '2', '2', '3', '0'],
    ['BTCUSDT', D0 + 2 * DAY + 12 * HOUR, 'spot', 4, '1', '99', '396', '99', '98', '100', '97', '99.5', '99', '0.25', '0.75'],
  ];

  const days = async () =>
    (
      await db.query(
        `select pair, day_start::text as "dayStart", market, ${FIGURES} from aggregator_day_windows
         order by pair, day_start`,
      )
    ).rows;

  it('fills the day windows from the minute windows stored before it, as the aggregator sums them', async () => {
    await expect(migrate(db, MIGRATIONS.slice(0, 2))).resolves.toEqual([1, 2]);
    for (const minute of MINUTES) {
      await db.query(
        `insert into aggregator_minute_windows (${MINUTE_COLUMNS})
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        minute,
      );
    }

    await expect(migrate(db, MIGRATIONS.slice(0, 3))).resolves.toEqual([3]);

    const backfilled = await days();
    const btc = { pair: 'BTCUSDT', market: 'spot' };
    expect(backfilled).toEqual([
      {
        ...btc,
        dayStart: String(D0),
        tradeCount: 3,
        baseVolume: '3.5',
        quoteVolume: '356.75',
        vwap: '101.928571428571428571', // 356.75 / 3.5, truncated to 18 decimals
        open: '100.5',
        high: '103',
        low: '100',
        close: '103',
        avgPrice: '101.333333333333333333', // (201 + 103) / 3
        buyVolume: '1',
        sellVolume: '2.5',
      },
      {
        ...btc,
        dayStart: String(D0 + DAY),
        tradeCount: 1,
        baseVolume: '0.1',
        quoteVolume: '10.4',
        vwap: '104',
        open: '104',
        high: '104',
        low: '104',
        close: '104',
        avgPrice: '104',
        buyVolume: '0.1',
        sellVolume: '0',
      },
      {
        ...btc,
        dayStart: String(D0 + 2 * DAY),
        tradeCount: 4,
        baseVolume: '1',
        quoteVolume: '99',
        vwap: '99',
        open: '98',
        high: '100',
        low: '97',
        close: '99.5',
        avgPrice: '99',
        buyVolume: '0.25',
        sellVolume: '0.75',
      },
      {
        pair: 'ETHUSDT',
        market: 'spot',
        dayStart: String(D0 + DAY),
        tradeCount: 1,
        baseVolume: '3',
        quoteVolume: '6',
        vwap: '2',
        open: '2',
        high: '2',
        low: '2',
        close: '2',
        avgPrice: '2',
        buyVolume: '3',
        sellVolume: '0',
      },
    ]);
    // 005 keeps each day's first minute, which the all span starts at once minutes are pruned.
    await expect(migrate(db)).resolves.toEqual([4, 5, 6]);
    const firstMinutes = async () =>
      (
        await db.query<{ pair: string; first: string }>(
          `select pair, first_minute::text as first from aggregator_day_windows
           order by pair, day_start`,
        )
      ).rows;
    const expectedFirst = [
      { pair: 'BTCUSDT', first: String(D0) },
      { pair: 'BTCUSDT', first: String(D0 + DAY) },
      { pair: 'BTCUSDT', first: String(D0 + 2 * DAY + 12 * HOUR) },
      { pair: 'ETHUSDT', first: String(D0 + DAY + HOUR) },
    ];
    expect(await firstMinutes()).toEqual(expectedFirst);
    // The aggregator's own recomputation of the same days changes nothing.
    const minutes = MINUTES.map(([pair, minuteStart]) => ({
      pair: pair as string,
      minuteStart: minuteStart as number,
    }));
    await db.transaction((tx) => recomputeDayWindows(tx, minutes));
    expect(await days()).toEqual(backfilled);
    expect(await firstMinutes()).toEqual(expectedFirst);
  });
});
