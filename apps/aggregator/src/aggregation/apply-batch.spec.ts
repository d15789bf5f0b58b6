import { SwapEvent } from '@app/contracts';
import { migrate, PgliteDatabase } from '@app/storage';
import { Observation, observe } from '../stats/event-ledger';
import { btcTrade, usdcWethSwap } from '../../test/support/fixed-events';
import { applyBatch } from './apply-batch';

const T = Date.UTC(2024, 0, 5, 0, 0, 0);

const trade = btcTrade;
const swap = (logIndex: number, status: SwapEvent['status'], amount0: string, amount1: string) =>
  usdcWethSwap(logIndex, status, amount0, amount1, T + 23_000);

const swaps = (...events: SwapEvent[]): Observation[] =>
  events.flatMap((event) => observe('swap', event) ?? []);

describe(applyBatch.name, () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open({ dataDir: 'memory://' });
    await migrate(db);
  }, 60_000);

  afterAll(() => db.close());

  const minute = async (pair: string, start: number) =>
    (
      await db.query(
        `select trade_count, trim_scale(base_volume)::text as base, trim_scale(quote_volume)::text as quote,
                trim_scale(vwap)::text as vwap, trim_scale(open)::text as open, trim_scale(close)::text as close,
                trim_scale(high)::text as high, trim_scale(low)::text as low, trim_scale(avg_price)::text as avg,
                trim_scale(buy_volume)::text as buy, trim_scale(sell_volume)::text as sell
         from aggregator_minute_windows where pair = $1 and minute_start = $2`,
        [pair, start],
      )
    ).rows;

  it('counts a duplicate once and lets a late trade update its window and its open', async () => {
    const first = [trade(2, '100.5', '2', T + 30_000), trade(3, '101', '1', T + 59_000, true)];
    await db.transaction((tx) =>
      applyBatch(
        tx,
        first.map((t) => observe('trade', t)),
      ),
    );
    // Late in event time, not in id: the exchange numbers a symbol's trades in order.
    const late = [trade(2, '100.5', '2', T + 30_000), trade(4, '99', '0.5', T + 10_000)];
    const applied = await db.transaction((tx) =>
      applyBatch(
        tx,
        late.map((t) => observe('trade', t)),
      ),
    );

    expect(applied).toMatchObject({
      counted: 1,
      duplicates: 1,
      windows: [{ pair: 'BTCUSDT', minuteStart: T }],
    });
    expect(await minute('BTCUSDT', T)).toEqual([
      {
        trade_count: 3,
        base: '3.5',
        quote: '351.5', // 201 + 101 + 49.5
        vwap: '100.428571428571428571', // 351.5 / 3.5, truncated
        open: '99',
        close: '101',
        high: '101',
        low: '99',
        avg: '100.166666666666666666',
        buy: '2.5',
        sell: '1',
      },
    ]);
  });

  it('counts a confirmed swap, takes it out on a reorg, counts it again when re-confirmed; failed never', async () => {
    // 22.686110 USDC in for 0.01 WETH out: the taker bought WETH at 2268.611 USDC.
    const confirmed = swap(169, 'confirmed', '22686110', '-10000000000000000');
    await db.transaction((tx) =>
      applyBatch(
        tx,
        swaps(swap(169, 'pending', '1', '-1'), confirmed, swap(7, 'failed', '5', '-5')),
      ),
    );
    expect(await minute('WETH/USDC', T)).toMatchObject([
      { trade_count: 1, base: '0.01', quote: '22.68611', vwap: '2268.611', buy: '0.01', sell: '0' },
    ]);

    await db.transaction((tx) =>
      applyBatch(tx, swaps(swap(169, 'reorged', '22686110', '-10000000000000000'))),
    );
    expect(await minute('WETH/USDC', T)).toEqual([]);

    await db.transaction((tx) =>
      applyBatch(tx, swaps(confirmed, swap(7, 'confirmed', '5000000', '-1000000000000000000'))),
    );
    expect(await minute('WETH/USDC', T)).toMatchObject([{ trade_count: 1, base: '0.01' }]);
    const spans = await db.query(
      `select span, trade_count::int as n, trim_scale(quote_volume)::text as quote from aggregator_pair_stats
       where pair = 'WETH/USDC' order by span`,
    );
    expect(spans.rows).toEqual([
      { span: '1h', n: 1, quote: '22.68611' },
      { span: '24h', n: 1, quote: '22.68611' },
      { span: 'all', n: 1, quote: '22.68611' },
    ]);
  });
  it('applies a batch of stored and new ids alike: a counted swap fails while a new trade counts once', async () => {
    const confirmed = swap(300, 'confirmed', '22686110', '-10000000000000000');
    await db.transaction((tx) => applyBatch(tx, swaps(confirmed)));
    expect(await minute('WETH/USDC', T)).toMatchObject([{ trade_count: 2 }]);

    const newTrade = trade(50, '100', '1', T + 120_000);
    const applied = await db.transaction((tx) =>
      applyBatch(tx, [
        observe('trade', newTrade),
        ...swaps(swap(300, 'failed', '22686110', '-10000000000000000')),
        observe('trade', newTrade),
      ]),
    );

    expect(applied).toMatchObject({ counted: 1, uncounted: 1, duplicates: 1 });
    expect(applied.pairs).toEqual(['BTCUSDT', 'WETH/USDC']);
    expect([...applied.changed].map(([id, entry]) => [id, entry.state])).toEqual([
      ['trade:BTCUSDT:t:50', 'counted'],
      [`swap:1:0x${'ab'.repeat(32)}:300`, 'failed'],
    ]);
    expect(await minute('WETH/USDC', T)).toMatchObject([{ trade_count: 1, base: '0.01' }]);
    expect(await minute('BTCUSDT', T + 120_000)).toMatchObject([{ trade_count: 1, quote: '100' }]);
  });
});
