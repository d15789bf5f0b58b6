import {
  BOOK_TICKER_TOPIC,
  BOOK_UPDATE_TOPIC,
  BookTickerEvent,
  BookUpdateEvent,
  ChannelKind,
  MARKET_TOPIC,
  MarketEvent,
  MARKETS_CHANNEL,
  RECENT_TRADES_CAP,
  STATS_UPDATE_TOPIC,
  StatsUpdateEvent,
  TICKER_TOPIC,
  Ticker24hEvent,
  TickerChannelData,
  TRADE_TOPIC,
  TradeEvent,
} from '@app/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ChannelHub } from '../fanout/channel-hub';
import { producerToGatewayLatency, wsFramesSent } from '../ws/ws-metrics';
import { MinuteHistory } from './minute-history';
import { mergeStatsWindow } from './stats-windows';
import { tickerView } from './ticker-view';

/**
 * Market-data and stats topics in, WebSocket channels out. Payloads arrive already validated.
 * Every replica consumes every partition (broadcast), so each has the full stream for its clients.
 */
@Controller()
export class MarketDataConsumer {
  constructor(
    private readonly hub: ChannelHub,
    private readonly history: MinuteHistory,
  ) {}

  @EventPattern(BOOK_TICKER_TOPIC.name)
  onBookTicker(@Payload() event: BookTickerEvent): void {
    this.publishTicker(event.symbol, event, null, event.exchangeTime, event.producedAt);
  }

  @EventPattern(TICKER_TOPIC.name)
  onTicker24h(@Payload() event: Ticker24hEvent): void {
    this.publishTicker(event.symbol, null, event, event.exchangeTime, event.producedAt);
  }

  @EventPattern(BOOK_UPDATE_TOPIC.name)
  onBookUpdate(@Payload() event: BookUpdateEvent): void {
    this.publish('book', `book:${event.symbol}`, event, event.exchangeTime, event.producedAt);
  }

  @EventPattern(TRADE_TOPIC.name)
  onTrade(@Payload() event: TradeEvent): void {
    const channel = `trades:${event.symbol}`;
    const previous = (this.hub.snapshotData(channel) as TradeEvent[] | undefined) ?? [];
    const recent = [event, ...previous.slice(0, RECENT_TRADES_CAP - 1)];
    this.publish('trades', channel, event, event.exchangeTime, event.producedAt, recent);
  }

  @EventPattern(STATS_UPDATE_TOPIC.name)
  onStats(@Payload() event: StatsUpdateEvent): void {
    this.history.record(event);
    const channel = `stats:${event.pair}`;
    const previous = this.hub.snapshotData(channel) as StatsUpdateEvent[] | undefined;
    const latest = mergeStatsWindow(previous ?? [], event);
    this.publish('stats', channel, event, event.windowEnd, event.producedAt, latest);
  }

  @EventPattern(MARKET_TOPIC.name)
  onMarket(@Payload() event: MarketEvent): void {
    const previous = this.hub.snapshotData(MARKETS_CHANNEL) as MarketEvent[] | undefined;
    const catalog = withMarket(previous ?? [], event);
    this.publish('markets', MARKETS_CHANNEL, event, event.exchangeTime, event.producedAt, catalog);
  }

  private publishTicker(
    symbol: string,
    bookTicker: BookTickerEvent | null,
    ticker24h: Ticker24hEvent | null,
    exchangeTime: number | null,
    producedAt: number,
  ): void {
    const channel = `ticker:${symbol}`;
    const previous = this.hub.snapshotData(channel) as TickerChannelData | undefined;
    const view = tickerView(symbol, previous, bookTicker, ticker24h);
    this.publish('ticker', channel, view, exchangeTime, producedAt);
  }

  private publish(
    kind: ChannelKind,
    channel: string,
    data: unknown,
    exchangeTime: number | null,
    producedAt: number,
    snapshotData: unknown = data,
  ): void {
    const sent = this.hub.publish(channel, data, exchangeTime, producedAt, snapshotData);
    if (sent === 0) return;
    wsFramesSent.inc({ kind }, sent);
    producerToGatewayLatency.observe({ kind }, Math.max(0, Date.now() - producedAt) / 1000);
  }
}

/**
 * The catalog with `event` in place of its symbol's previous entry (or without the symbol, once it
 * is no longer followed), still sorted by symbol.
 */
function withMarket(catalog: readonly MarketEvent[], event: MarketEvent): MarketEvent[] {
  const others = catalog.filter((market) => market.symbol !== event.symbol);
  if (!event.followed) return others;
  return [...others, event].sort((a, b) =>
    a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0,
  );
}
