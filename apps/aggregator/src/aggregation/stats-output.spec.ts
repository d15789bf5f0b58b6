import { CacheKeys, RECENT_TRADES_CAP, TradeEvent } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { MemoryCache, migrate, PgliteDatabase } from '@app/storage';
import { observe } from '../stats/event-ledger';
import { applyBatch } from './apply-batch';
import { StatsOutput } from './stats-output';

const T = Date.UTC(2024, 0, 5, 0, 0, 0);

/** Trade `id` of `symbol`, one second after the previous id. */
function tradeOf(symbol: string, id: number, price: string, qty: string): TradeEvent {
  const time = T + id * 1000;
  return {
    source: 'replay',
    symbol,
    tradeId: id,
    aggregate: true,
    price,
    qty,
    buyerIsMaker: id % 2 === 1,
    tradeTime: time,
    exchangeTime: time,
    receivedAt: time,
    producedAt: time,
  };
}

/** What a batch leaves in the cache after its commit: recent trades and the top pairs. */
describe(StatsOutput.name, () => {
  let db: PgliteDatabase;
  let cache: MemoryCache;
  let output: StatsOutput;
  const published: string[] = [];

  beforeAll(async () => {
    db = await PgliteDatabase.open({ dataDir: 'memory://' });
    await migrate(db);
    cache = new MemoryCache({ prefix: '' });
    const publisher = {
      publish: (topic: { name: string }) => Promise.resolve(void published.push(topic.name)),
    } as unknown as EventPublisher;
    output = new StatsOutput(db, cache, publisher, () => T + 999_999);
  }, 60_000);

  afterAll(() => db.close());

  it('keeps the newest trades per symbol newest first, capped, and the top pairs by quote volume', async () => {
    const btc = Array.from({ length: RECENT_TRADES_CAP + 5 }, (_, i) =>
      tradeOf('BTCUSDT', i + 1, '42000.5', '0.01'),
    );
    const eth = [tradeOf('ETHUSDT', 1, '2200', '3'), tradeOf('ETHUSDT', 2, '2201.25', '2')];
    const trades = [...btc.slice(0, 50), ...eth, ...btc.slice(50)];
    const applied = await db.transaction((tx) =>
      applyBatch(
        tx,
        trades.map((trade) => observe('trade', trade)),
      ),
    );

    await output.afterCommit(applied, trades);

    const btcList = await cache.range(CacheKeys.trades('BTCUSDT'), 1000);
    expect(btcList).toHaveLength(RECENT_TRADES_CAP);
    expect(btcList[0]).toBe(JSON.stringify(btc[btc.length - 1]));
    expect(btcList[RECENT_TRADES_CAP - 1]).toBe(JSON.stringify(btc[5]));
    await expect(cache.range(CacheKeys.trades('ETHUSDT'), 10)).resolves.toEqual([
      JSON.stringify(eth[1]),
      JSON.stringify(eth[0]),
    ]);
    // 105 × 420.005 = 44100.525 BTCUSDT; 6600 + 4402.5 = 11002.5 ETHUSDT
    const top = [
      { pair: 'BTCUSDT', market: 'spot', quoteVolume: '44100.525' },
      { pair: 'ETHUSDT', market: 'spot', quoteVolume: '11002.5' },
    ];
    await expect(cache.get(CacheKeys.topPairs('1h'))).resolves.toBe(JSON.stringify(top));
    await expect(cache.get(CacheKeys.topPairs('24h'))).resolves.toBe(JSON.stringify(top));
    // Every trade is in the last hour: all time has the same leaders.
    await expect(cache.get(CacheKeys.topPairs('all'))).resolves.toBe(JSON.stringify(top));
    const allTime = JSON.parse((await cache.get(CacheKeys.stats('ETHUSDT', 'all')))!) as object;
    expect(allTime).toMatchObject({ window: 'all', tradeCount: 2, quoteVolume: '11002.5' });
    // BTCUSDT's two minutes, ETHUSDT's one, and 1h and 24h of each pair; `all` is not published.
    expect(published).toEqual(Array(7).fill('stats.update.v1'));
  });
});
