import { CacheKeys, Ticker24hEvent } from '@app/contracts';
import { MemoryCache } from '@app/storage';
import { cacheTickers, latestTickers } from './latest-tickers';

const ticker = (symbol: string, exchangeTime: number, lastPrice: string): Ticker24hEvent =>
  ({ symbol, exchangeTime, lastPrice }) as Ticker24hEvent;

describe(latestTickers.name, () => {
  it('keeps the newest ticker of each symbol by exchange time, the later one on a tie', () => {
    const events = [
      ticker('BTCUSDT', 2_000, '101'),
      ticker('ETHUSDT', 1_000, '3000'),
      ticker('BTCUSDT', 1_000, '99'),
      ticker('ETHUSDT', 1_000, '3001'),
    ];

    expect(latestTickers(events).map((e) => [e.symbol, e.lastPrice])).toEqual([
      ['BTCUSDT', '101'],
      ['ETHUSDT', '3001'],
    ]);
  });

  it('writes each symbol once to ticker:<SYMBOL>', async () => {
    const cache = new MemoryCache({ prefix: '' });
    await cacheTickers(cache, [ticker('BTCUSDT', 1, '1'), ticker('BTCUSDT', 2, '2')]);

    expect(JSON.parse((await cache.get(CacheKeys.ticker('BTCUSDT'))) ?? 'null')).toEqual(
      ticker('BTCUSDT', 2, '2'),
    );
  });
});
