import {
  BookTickerEvent,
  StatsUpdateEvent,
  Ticker24hEvent,
  TickerChannelData,
  TradeEvent,
} from '@app/contracts';
import { ChannelHub } from '../fanout/channel-hub';
import { ArraySink } from '../fanout/testing/array-sink';
import { MarketDataConsumer } from './market-data.consumer';
import { MinuteHistory } from './minute-history';

const T = 1_700_000_000_000;
const bookTicker = (updateId: number): BookTickerEvent => ({
  source: 'simulator',
  symbol: 'BTCUSDT',
  updateId,
  bidPrice: '100.10',
  bidQty: '1',
  askPrice: '100.20',
  askQty: '2',
  exchangeTime: T,
  receivedAt: T + 1,
  producedAt: T + 2,
});
const trade = (tradeId: number): TradeEvent => ({
  source: 'simulator',
  symbol: 'BTCUSDT',
  tradeId,
  aggregate: false,
  price: '100.15',
  qty: '0.5',
  buyerIsMaker: false,
  tradeTime: T,
  exchangeTime: T,
  receivedAt: T + 1,
  producedAt: T + 2,
});
const stats = (window: '1m' | '1h' | '24h', windowEnd: number): StatsUpdateEvent => ({
  pair: 'USDC/WETH',
  market: 'dex',
  window,
  windowStart: windowEnd - 60_000,
  windowEnd,
  tradeCount: 3,
  baseVolume: '1',
  quoteVolume: '2',
  vwap: '2',
  open: '2',
  high: '2',
  low: '2',
  close: '2',
  avgPrice: '2',
  buyVolume: '1',
  sellVolume: '0',
  producedAt: windowEnd,
});

describe(MarketDataConsumer.name, () => {
  let hub: ChannelHub;
  let consumer: MarketDataConsumer;

  beforeEach(() => {
    hub = new ChannelHub();
    consumer = new MarketDataConsumer(hub, new MinuteHistory());
  });

  it('merges bookTicker and the 24 h ticker into ticker:<SYMBOL>', () => {
    consumer.onBookTicker(bookTicker(7));
    consumer.onTicker24h({
      symbol: 'BTCUSDT',
      lastPrice: '100.15',
      priceChange: '-1',
      priceChangePercent: '-0.9',
      highPrice: '102',
      lowPrice: '99',
      volume: '10',
      quoteVolume: '1000',
      tradeCount: 55,
      exchangeTime: T + 5,
      producedAt: T + 6,
    } as Ticker24hEvent);
    expect(hub.snapshotData('ticker:BTCUSDT') as TickerChannelData).toEqual({
      symbol: 'BTCUSDT',
      updateId: 7,
      bidPrice: '100.10',
      bidQty: '1',
      askPrice: '100.20',
      askQty: '2',
      lastPrice: '100.15',
      priceChange: '-1',
      priceChangePercent: '-0.9',
      highPrice: '102',
      lowPrice: '99',
      volume: '10',
      quoteVolume: '1000',
      tradeCount: 55,
    });
  });

  it('sends one trade per update and keeps the newest 100 as the snapshot', () => {
    const sink = new ArraySink();
    hub.subscribe('trades:BTCUSDT', sink);
    for (let id = 1; id <= 105; id++) consumer.onTrade(trade(id));
    expect(sink.written).toHaveLength(105);
    expect((JSON.parse(sink.frames[104]) as { data: TradeEvent }).data.tradeId).toBe(105);
    const snapshot = hub.snapshotData('trades:BTCUSDT') as TradeEvent[];
    expect(snapshot.map((t) => t.tradeId)).toEqual(Array.from({ length: 100 }, (_, i) => 105 - i));
  });

  it('keeps the latest stats per window in window order, never replacing a newer with an older', () => {
    consumer.onStats(stats('24h', T));
    consumer.onStats(stats('1m', T));
    consumer.onStats(stats('1m', T - 60_000));
    const snapshot = hub.snapshotData('stats:USDC/WETH') as StatsUpdateEvent[];
    expect(snapshot.map((s) => [s.window, s.windowEnd])).toEqual([
      ['1m', T],
      ['24h', T],
    ]);
  });
});
