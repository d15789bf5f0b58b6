import {
  BookTickerEvent,
  BookUpdateEvent,
  CacheKeys,
  MarketEvent,
  parseChannel,
  RECENT_TRADES_CAP,
  STATS_WINDOWS,
  StatsUpdateEvent,
  PairStats,
  StatsSpan,
  TopSpan,
  Ticker24hEvent,
  TickerChannelData,
  TradeEvent,
} from '@app/contracts';
import { KEY_VALUE_CACHE, type KeyValueCache } from '@app/storage';
import { Inject, Injectable } from '@nestjs/common';
import { SnapshotSeed } from '../fanout/channel-hub';
import { tickerView } from './ticker-view';

export interface TopPairEntry {
  pair: string;
  market: string;
  quoteVolume: string;
}

const parse = <T>(text: string | null): T | null =>
  text === null ? null : (JSON.parse(text) as T);

/**
 * Reads the latest state the orderbook service, the aggregator and the producer keep in the cache
 * (key layout in `@app/contracts` cache-keys): instant REST answers and WebSocket snapshots.
 */
@Injectable()
export class MarketCacheReader {
  constructor(@Inject(KEY_VALUE_CACHE) private readonly cache: KeyValueCache) {}

  async ticker(symbol: string): Promise<TickerChannelData | null> {
    return (await this.tickerSeed(symbol))?.data ?? null;
  }

  private async tickerSeed(
    symbol: string,
  ): Promise<(SnapshotSeed & { data: TickerChannelData }) | null> {
    const [bookTickerText, ticker24hText] = await this.cache.mget([
      CacheKeys.bookTicker(symbol),
      CacheKeys.ticker(symbol),
    ]);
    const bookTicker = parse<BookTickerEvent>(bookTickerText);
    const ticker24h = parse<Ticker24hEvent>(ticker24hText);
    const newest = [bookTicker, ticker24h]
      .filter((event) => event !== null)
      .sort((a, b) => b.producedAt - a.producedAt)[0];
    if (!newest) return null;
    return {
      data: tickerView(symbol, undefined, bookTicker, ticker24h),
      exchangeTime: newest.exchangeTime,
      producedAt: newest.producedAt,
    };
  }

  async book(symbol: string): Promise<BookUpdateEvent | null> {
    return parse<BookUpdateEvent>(await this.cache.get(CacheKeys.book(symbol)));
  }

  async trades(symbol: string, limit = RECENT_TRADES_CAP): Promise<TradeEvent[]> {
    const items = await this.cache.range(CacheKeys.trades(symbol), limit);
    return items.map((text) => JSON.parse(text) as TradeEvent);
  }

  async stats(pair: string, window: StatsSpan): Promise<PairStats | null> {
    return parse<PairStats>(await this.cache.get(CacheKeys.stats(pair, window)));
  }

  async allStats(pair: string): Promise<StatsUpdateEvent[]> {
    const values = await this.cache.mget(STATS_WINDOWS.map((w) => CacheKeys.stats(pair, w)));
    return values.flatMap((text) => (text === null ? [] : [JSON.parse(text) as StatsUpdateEvent]));
  }

  async topPairs(window: TopSpan): Promise<TopPairEntry[]> {
    return parse<TopPairEntry[]>(await this.cache.get(CacheKeys.topPairs(window))) ?? [];
  }

  /** The markets catalog (the aggregator's `markets` hash, one field per symbol), by symbol. */
  async markets(): Promise<MarketEvent[]> {
    const entries = await this.cache.hashGetAll(CacheKeys.markets());
    return Object.keys(entries)
      .sort()
      .map((symbol) => JSON.parse(entries[symbol]) as MarketEvent);
  }

  /** A WebSocket snapshot from the cache, for a channel this replica has seen no update of yet. */
  async snapshot(channel: string): Promise<SnapshotSeed | null> {
    const parsed = parseChannel(channel);
    if (!parsed) return null;
    const { kind, key } = parsed;
    switch (kind) {
      case 'ticker':
        return this.tickerSeed(key);
      case 'book': {
        const book = await this.book(key);
        return book && { data: book, exchangeTime: book.exchangeTime, producedAt: book.producedAt };
      }
      case 'trades': {
        const trades = await this.trades(key);
        if (trades.length === 0) return null;
        return {
          data: trades,
          exchangeTime: trades[0].exchangeTime,
          producedAt: trades[0].producedAt,
        };
      }
      case 'markets': {
        const markets = await this.markets();
        if (markets.length === 0) return null;
        const newest = markets.reduce((a, b) => (b.producedAt > a.producedAt ? b : a));
        return { data: markets, exchangeTime: newest.exchangeTime, producedAt: newest.producedAt };
      }
      case 'stats': {
        const stats = await this.allStats(key);
        if (stats.length === 0) return null;
        const newest = stats.reduce((a, b) => (b.producedAt > a.producedAt ? b : a));
        return { data: stats, exchangeTime: newest.windowEnd, producedAt: newest.producedAt };
      }
    }
  }
}
