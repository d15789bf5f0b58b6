import { CacheKeys, MarketEvent } from '@app/contracts';
import { MemoryCache } from '@app/storage';
import { cacheMarkets } from './markets-catalog';

const entry = (symbol: string, lastPrice: string, followed = true): MarketEvent => ({
  source: 'simulator',
  symbol,
  status: 'TRADING',
  baseAsset: symbol.slice(0, -4),
  quoteAsset: 'USDT',
  tickSize: '0.01000000',
  stepSize: '0.00001000',
  lastPrice,
  volume: '1',
  quoteVolume: lastPrice,
  exchangeTime: 1,
  priority: false,
  followed,
  producedAt: 2,
});

describe(cacheMarkets.name, () => {
  const cache = new MemoryCache({ prefix: '' });
  const stored = async () =>
    Object.fromEntries(
      Object.entries(await cache.hashGetAll(CacheKeys.markets())).map(([symbol, text]) => [
        symbol,
        (JSON.parse(text) as MarketEvent).lastPrice,
      ]),
    );

  it("keeps each symbol's newest entry and removes the ones no longer followed", async () => {
    await cacheMarkets(cache, [entry('BTCUSDT', '100.1'), entry('ETHUSDT', '10.5')]);
    await cacheMarkets(cache, [
      entry('BTCUSDT', '100.2'),
      entry('ETHUSDT', '10.5', false),
      entry('BTCUSDT', '100.3'),
    ]);
    expect(await stored()).toEqual({ BTCUSDT: '100.3' });

    // Listed again later: back in the catalog. Dropped and relisted in one batch: the last wins.
    await cacheMarkets(cache, [entry('ETHUSDT', '11', false), entry('ETHUSDT', '11.5')]);
    expect(await stored()).toEqual({ BTCUSDT: '100.3', ETHUSDT: '11.5' });
  });
});
