import { ticker24h, tickerEvent } from './binance-payloads';
import { DEFAULT_SYMBOLS } from './market-types';
import { SymbolMarket } from './symbol-market';

describe('ticker24h', () => {
  it('derives volumes and averages exactly from the recorded trades', () => {
    const market = new SymbolMarket(DEFAULT_SYMBOLS.ETHUSDT, 1, { initialLevels: 30 });
    // Two trades by hand: 1.5000 at 3400.10 and 0.5000 at 3399.90.
    market.stats.record({
      id: 1,
      aggId: 1,
      ticks: 340_010,
      lots: 15_000,
      time: 5,
      buyerIsMaker: false,
    });
    market.stats.record({
      id: 2,
      aggId: 2,
      ticks: 339_990,
      lots: 5_000,
      time: 6,
      buyerIsMaker: true,
    });
    const ticker = ticker24h(market, 1000, 2000);
    expect(ticker).toMatchObject({
      priceChange: '-0.10',
      priceChangePercent: '-0.002',
      weightedAvgPrice: '3400.05',
      lastPrice: '3399.90',
      lastQty: '0.5000',
      openPrice: '3400.00',
      highPrice: '3400.10',
      lowPrice: '3399.90',
      volume: '2.0000',
      quoteVolume: '6800.100000',
      firstId: 1,
      lastId: 2,
      count: 2,
      openTime: 1000,
      closeTime: 2000,
    });
    expect(tickerEvent(ticker, 2000)).toMatchObject({
      e: '24hrTicker',
      c: '3399.90',
      v: '2.0000',
      n: 2,
    });
  });
});
