import {
  BOOK_TICKER_TOPIC,
  BOOK_UPDATE_TOPIC,
  BookTickerEvent,
  BookUpdateEvent,
  encodeEvent,
  MarketEvent,
  STATS_UPDATE_TOPIC,
  StatsUpdateEvent,
  TICKER_TOPIC,
  Ticker24hEvent,
  TopicContract,
  TRADE_TOPIC,
  TradeEvent,
} from '@app/contracts';
import { Kafka, Producer } from 'kafkajs';

/** Valid events of every topic the gateway reads, with values a test can assert exactly. */
export const events = {
  /** A catalog listing as the producer publishes it from exchangeInfo (sizes padded to 8 decimals). */
  market(symbol: string, tickSize: string, stepSize: string, now = Date.now()): MarketEvent {
    return {
      source: 'simulator',
      symbol,
      status: 'TRADING',
      baseAsset: symbol.replace(/USDT$/, ''),
      quoteAsset: 'USDT',
      tickSize,
      stepSize,
      lastPrice: null,
      volume: null,
      quoteVolume: null,
      exchangeTime: null,
      priority: false,
      followed: true,
      producedAt: now,
    };
  },
  bookTicker(symbol: string, updateId: number, now = Date.now()): BookTickerEvent {
    return {
      source: 'simulator',
      symbol,
      updateId,
      bidPrice: '100.10',
      bidQty: '1.5',
      askPrice: '100.20',
      askQty: '2.5',
      exchangeTime: now - 2,
      receivedAt: now - 1,
      producedAt: now,
    };
  },
  ticker24h(symbol: string, now = Date.now()): Ticker24hEvent {
    return {
      source: 'simulator',
      symbol,
      priceChange: '-1.25',
      priceChangePercent: '-1.2',
      weightedAvgPrice: '100.5',
      lastPrice: '100.15',
      lastQty: '0.3',
      openPrice: '101.40',
      highPrice: '102.00',
      lowPrice: '99.00',
      volume: '1234.5',
      quoteVolume: '124000.75',
      openTime: now - 86_400_000,
      closeTime: now,
      tradeCount: 4321,
      exchangeTime: now - 2,
      receivedAt: now - 1,
      producedAt: now,
    };
  },
  /** A book of `levels` per side around 100.00, best bid 99.99 and best ask 100.01. */
  book(symbol: string, lastUpdateId: number, levels = 25, now = Date.now()): BookUpdateEvent {
    const side = (start: number, step: number) =>
      Array.from({ length: levels }, (_, i): [string, string] => [
        ((start + step * i) / 100).toFixed(2),
        `${1 + (i % 7)}.000`,
      ]);
    return {
      symbol,
      lastUpdateId,
      bids: side(9999, -1),
      asks: side(10001, 1),
      depth: levels,
      checksum: lastUpdateId % 0xffffffff,
      exchangeTime: now - 2,
      producedAt: now,
    };
  },
  trade(symbol: string, tradeId: number, now = Date.now()): TradeEvent {
    return {
      source: 'simulator',
      symbol,
      tradeId,
      aggregate: false,
      price: `100.${String(tradeId % 100).padStart(2, '0')}`,
      qty: '0.5',
      buyerIsMaker: tradeId % 2 === 0,
      tradeTime: now - 3,
      exchangeTime: now - 2,
      receivedAt: now - 1,
      producedAt: now,
    };
  },
  stats(
    pair: string,
    window: '1m' | '1h' | '24h',
    windowStart: number,
    fields: Partial<StatsUpdateEvent> = {},
  ): StatsUpdateEvent {
    const length = { '1m': 60_000, '1h': 3_600_000, '24h': 86_400_000 }[window];
    return {
      pair,
      market: pair.includes('/') ? 'dex' : 'spot',
      window,
      windowStart,
      windowEnd: windowStart + length,
      tradeCount: 12,
      baseVolume: '3.5',
      quoteVolume: '350.70',
      vwap: '100.2',
      open: '100.00',
      high: '100.50',
      low: '99.80',
      close: '100.30',
      avgPrice: '100.1',
      buyVolume: '2',
      sellVolume: '1.5',
      producedAt: Date.now(),
      ...fields,
    };
  },
};

/** Publishes contract-checked events to the test broker, as the producer, orderbook and aggregator would. */
export class MarketFeed {
  private constructor(private readonly producer: Producer) {}

  static async connect(brokers: string[]): Promise<MarketFeed> {
    const producer = new Kafka({ clientId: 'gateway-e2e-feed', brokers, logLevel: 0 }).producer();
    await producer.connect();
    return new MarketFeed(producer);
  }

  async publish<T extends object>(topic: TopicContract<T>, values: T[]): Promise<void> {
    await this.producer.send({
      topic: topic.name,
      messages: values.map((value) => encodeEvent(topic, value)),
    });
  }

  /**
   * Publishes a round of every kind for `symbol` each `everyMs`, ids counting up from `firstId`,
   * until stopped: a replica joining at the latest offset gets data whenever it is ready. With
   * `stats: false` it leaves the statistics to a real aggregator reading the trades.
   */
  stream(
    symbol: string,
    everyMs: number,
    firstId = 1,
    { stats = true } = {},
  ): { stop: () => Promise<void> } {
    let id = firstId;
    let running = true;
    const loop = (async () => {
      while (running) {
        const now = Date.now();
        await this.publish(BOOK_TICKER_TOPIC, [events.bookTicker(symbol, id, now)]);
        await this.publish(TRADE_TOPIC, [events.trade(symbol, id, now)]);
        await this.publish(BOOK_UPDATE_TOPIC, [events.book(symbol, id, 25, now)]);
        if (id % 5 === 0) await this.publish(TICKER_TOPIC, [events.ticker24h(symbol, now)]);
        const minute = now - (now % 60_000);
        if (stats) {
          await this.publish(STATS_UPDATE_TOPIC, [
            events.stats(symbol, '1m', minute, { tradeCount: id, producedAt: now }),
          ]);
        }
        id += 1;
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
      },
    };
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
