import { DEPTH_TOPIC, encodeEvent, TICKER_TOPIC, TRADE_TOPIC } from '@app/contracts';
import {
  normalizeAggTrade,
  normalizeDepth,
  normalizeRestTrade,
  normalizeTicker,
  normalizeTrade,
} from './market-event.normalizers';

const RECEIVED_AT = 1700000000002;
const PRODUCED_AT = 1700000000003;

describe(normalizeDepth.name, () => {
  it("maps Binance's documented depthUpdate example field by field", () => {
    const event = normalizeDepth(
      {
        e: 'depthUpdate',
        E: 1672515782136,
        s: 'BNBBTC',
        U: 157,
        u: 160,
        b: [['0.0024', '10']],
        a: [['0.0026', '100']],
      },
      'binance',
      RECEIVED_AT,
      PRODUCED_AT,
    );

    expect(event).toStrictEqual({
      source: 'binance',
      symbol: 'BNBBTC',
      firstUpdateId: 157,
      finalUpdateId: 160,
      bids: [['0.0024', '10']],
      asks: [['0.0026', '100']],
      exchangeTime: 1672515782136,
      receivedAt: RECEIVED_AT,
      producedAt: PRODUCED_AT,
    });
    expect(encodeEvent(DEPTH_TOPIC, event).key).toBe('BNBBTC');
  });
});

describe(normalizeTrade.name, () => {
  it("maps Binance's documented trade example", () => {
    const event = normalizeTrade(
      {
        e: 'trade',
        E: 1672515782136,
        s: 'BNBBTC',
        t: 12345,
        p: '0.001',
        q: '100',
        T: 1672515782136,
        m: true,
      },
      'simulator',
      RECEIVED_AT,
      PRODUCED_AT,
    );

    expect(event).toStrictEqual({
      source: 'simulator',
      symbol: 'BNBBTC',
      tradeId: 12345,
      aggregate: false,
      price: '0.001',
      qty: '100',
      buyerIsMaker: true,
      tradeTime: 1672515782136,
      exchangeTime: 1672515782136,
      receivedAt: RECEIVED_AT,
      producedAt: PRODUCED_AT,
    });
    expect(encodeEvent(TRADE_TOPIC, event).key).toBe('BNBBTC');
  });
});

describe(normalizeRestTrade.name, () => {
  it("maps Binance's documented historicalTrades example as the trade stream would have it", () => {
    const rest = {
      id: 28457,
      price: '4.00000100',
      qty: '12.00000000',
      quoteQty: '48.000012',
      time: 1499865549590,
      isBuyerMaker: true,
    };
    expect(normalizeRestTrade(rest, 'BNBBTC', 'binance', RECEIVED_AT, PRODUCED_AT)).toEqual({
      source: 'binance',
      symbol: 'BNBBTC',
      tradeId: 28457,
      aggregate: false,
      price: '4.00000100',
      qty: '12.00000000',
      buyerIsMaker: true,
      tradeTime: 1499865549590,
      exchangeTime: 1499865549590,
      receivedAt: RECEIVED_AT,
      producedAt: PRODUCED_AT,
    });
  });
});

describe(normalizeAggTrade.name, () => {
  it('takes the symbol from the stream and the trade time as event time for a recorded aggTrade', () => {
    const event = normalizeAggTrade(
      {
        a: 26129,
        p: '0.01633102',
        q: '4.70443515',
        f: 27781,
        l: 27781,
        T: 1617580800123,
        m: false,
      },
      'axsbnb',
      'replay',
      RECEIVED_AT,
      PRODUCED_AT,
    );

    expect(event).toMatchObject({
      symbol: 'AXSBNB',
      tradeId: 26129,
      aggregate: true,
      buyerIsMaker: false,
      tradeTime: 1617580800123,
      exchangeTime: 1617580800123,
    });
    expect(encodeEvent(TRADE_TOPIC, event).key).toBe('AXSBNB');
  });
});

describe(normalizeTicker.name, () => {
  it("maps Binance's documented 24hrTicker example", () => {
    const event = normalizeTicker(
      {
        e: '24hrTicker',
        E: 1672515782136,
        s: 'BNBBTC',
        p: '0.0015',
        P: '250.00',
        w: '0.0018',
        c: '0.0025',
        Q: '10',
        o: '0.0010',
        h: '0.0025',
        l: '0.0010',
        v: '10000',
        q: '18',
        O: 0,
        C: 86400000,
        n: 18150,
      },
      'binance',
      RECEIVED_AT,
      PRODUCED_AT,
    );

    expect(event).toStrictEqual({
      source: 'binance',
      symbol: 'BNBBTC',
      priceChange: '0.0015',
      priceChangePercent: '250.00',
      weightedAvgPrice: '0.0018',
      lastPrice: '0.0025',
      lastQty: '10',
      openPrice: '0.0010',
      highPrice: '0.0025',
      lowPrice: '0.0010',
      volume: '10000',
      quoteVolume: '18',
      openTime: 0,
      closeTime: 86400000,
      tradeCount: 18150,
      exchangeTime: 1672515782136,
      receivedAt: RECEIVED_AT,
      producedAt: PRODUCED_AT,
    });
    expect(encodeEvent(TICKER_TOPIC, event).key).toBe('BNBBTC');
  });
});
