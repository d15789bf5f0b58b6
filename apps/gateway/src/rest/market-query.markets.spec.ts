import { CacheKeys, MarketEvent } from '@app/contracts';
import { MemoryCache } from '@app/storage';
import { MarketCacheReader } from '../market-data/market-cache.reader';
import { MinuteHistory } from '../market-data/minute-history';
import { MinuteWindowReader } from '../market-data/minute-window.reader';
import { MarketQueryService } from './market-query.service';

const market = (symbol: string, quoteAsset: string, status: string): MarketEvent => ({
  source: 'simulator',
  symbol,
  status,
  baseAsset: symbol.slice(0, symbol.length - quoteAsset.length),
  quoteAsset,
  tickSize: '0.01000000',
  stepSize: '0.00001000',
  lastPrice: '100.10',
  volume: '12.5',
  quoteVolume: '1251.25',
  exchangeTime: 1_700_000_000_000,
  priority: false,
  followed: true,
  producedAt: 1_700_000_000_005,
});

/**
 * The reader side of `/v1/markets` only: the test writes the `markets` hash by hand, as the
 * aggregator would (the real writer is covered by apps/gateway/test/markets-catalog.e2e-spec.ts).
 */
describe(`${MarketQueryService.name} markets (reader of a hand-written hash)`, () => {
  const cache = new MemoryCache({ prefix: '' });
  const service = new MarketQueryService(
    new MarketCacheReader(cache),
    // Not used by markets(): it reads only the cache.
    {} as MinuteHistory,
    {} as MinuteWindowReader,
  );
  const entries = [
    market('ETHUSDT', 'USDT', 'HALT'),
    market('BTCUSDT', 'USDT', 'TRADING'),
    market('ETHBTC', 'BTC', 'TRADING'),
  ];

  beforeAll(async () => {
    await cache.hashSet(
      CacheKeys.markets(),
      Object.fromEntries(entries.map((entry) => [entry.symbol, JSON.stringify(entry)])),
    );
  });

  it('answers every market sorted by symbol, as written', async () => {
    const all = await service.markets();

    expect(all.map((m) => m.symbol)).toEqual(['BTCUSDT', 'ETHBTC', 'ETHUSDT']);
    expect(all[0]).toEqual(entries[1]);
  });

  it('narrows to a quote asset, a status, or both', async () => {
    const symbols = async (filter: Parameters<MarketQueryService['markets']>[0]) =>
      (await service.markets(filter)).map((m) => m.symbol);

    await expect(symbols({ quote: 'USDT' })).resolves.toEqual(['BTCUSDT', 'ETHUSDT']);
    await expect(symbols({ status: 'TRADING' })).resolves.toEqual(['BTCUSDT', 'ETHBTC']);
    await expect(symbols({ quote: 'USDT', status: 'HALT' })).resolves.toEqual(['ETHUSDT']);
    await expect(symbols({ quote: 'EUR' })).resolves.toEqual([]);
  });

  it('answers no markets before the catalog was ever written', async () => {
    const empty = new MarketQueryService(
      new MarketCacheReader(new MemoryCache({ prefix: '' })),
      {} as MinuteHistory,
      {} as MinuteWindowReader,
    );

    await expect(empty.markets()).resolves.toEqual([]);
  });
});
