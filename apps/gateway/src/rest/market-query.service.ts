import {
  BookUpdateEvent,
  MarketEvent,
  PairStats,
  StatsSpan,
  TopSpan,
  TradeEvent,
} from '@app/contracts';
import { Injectable, NotFoundException } from '@nestjs/common';
import { badParameter } from './bad-parameter';
import { MarketCacheReader, TopPairEntry } from '../market-data/market-cache.reader';
import { buildCandles, Candle } from '../market-data/candles';
import { MinuteHistory } from '../market-data/minute-history';
import { MinuteWindowReader } from '../market-data/minute-window.reader';
import {
  CandleInterval,
  DEFAULT_BOOK_DEPTH,
  DEFAULT_TRADES,
  MarketsQuery,
  MAX_CANDLES,
  TickerDto,
} from './rest.dto';

const INTERVAL_MS: Record<CandleInterval, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
};

/** What the `/v1` endpoints answer, from the cache the other services keep current. */
@Injectable()
export class MarketQueryService {
  constructor(
    private readonly cache: MarketCacheReader,
    private readonly history: MinuteHistory,
    private readonly windows: MinuteWindowReader,
  ) {}

  /** The catalog by symbol, narrowed to one quote asset and/or one status when asked. */
  async markets(filter: MarketsQuery = {}): Promise<MarketEvent[]> {
    return (await this.cache.markets()).filter(
      (market) =>
        (filter.quote === undefined || market.quoteAsset === filter.quote) &&
        (filter.status === undefined || market.status === filter.status),
    );
  }

  async ticker(symbol: string): Promise<TickerDto> {
    return (await this.cache.ticker(symbol)) ?? unknownSymbol(symbol);
  }

  async book(symbol: string, depth = DEFAULT_BOOK_DEPTH): Promise<BookUpdateEvent> {
    const book = (await this.cache.book(symbol)) ?? unknownSymbol(symbol);
    return { ...book, bids: book.bids.slice(0, depth), asks: book.asks.slice(0, depth) };
  }

  async trades(symbol: string, limit = DEFAULT_TRADES): Promise<TradeEvent[]> {
    const trades = await this.cache.trades(symbol, limit);
    if (trades.length === 0 && !(await this.symbolKnown(symbol))) unknownSymbol(symbol);
    return trades;
  }

  async stats(pair: string, window: StatsSpan = '24h'): Promise<PairStats> {
    const stats = await this.cache.stats(pair, window);
    if (!stats) throw new NotFoundException(`no statistics for pair ${pair} in window ${window}`);
    return stats;
  }

  async topPairs(window: TopSpan = '24h', limit = 10): Promise<TopPairEntry[]> {
    return (await this.cache.topPairs(window)).slice(0, limit);
  }

  async candles(
    pair: string,
    interval: CandleInterval = '1m',
    from: number,
    to: number,
  ): Promise<Candle[]> {
    const intervalMs = INTERVAL_MS[interval];
    if (to <= from) throw badParameter('to', 'to must be after from');
    if ((to - from) / intervalMs > MAX_CANDLES) {
      throw badParameter(
        'to',
        `to must be at most ${MAX_CANDLES} intervals of ${interval} after from`,
      );
    }
    // The aggregator's committed minutes, completed by the ones this replica consumed since.
    const stored = await this.windows.minutes(pair, from, to);
    const storedStarts = new Set(stored.map((minute) => minute.windowStart));
    const consumed = this.history
      .minutes(pair, from, to)
      .filter((m) => !storedStarts.has(m.windowStart));
    const minutes = [...stored, ...consumed].sort((a, b) => a.windowStart - b.windowStart);
    if (minutes.length === 0 && !(await this.pairKnown(pair))) {
      throw new NotFoundException(`unknown pair ${pair}`);
    }
    return buildCandles(minutes, intervalMs);
  }

  private async pairKnown(pair: string): Promise<boolean> {
    if (this.history.knows(pair) || (await this.cache.allStats(pair)).length > 0) return true;
    return this.windows.knows(pair);
  }

  private async symbolKnown(symbol: string): Promise<boolean> {
    if ((await this.cache.ticker(symbol)) || (await this.cache.book(symbol))) return true;
    return (await this.cache.markets()).some((market) => market.symbol === symbol);
  }
}

function unknownSymbol(symbol: string): never {
  throw new NotFoundException(`unknown symbol ${symbol}`);
}
