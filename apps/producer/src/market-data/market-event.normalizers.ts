import { DepthDiffEvent, MarketDataSource, Ticker24hEvent, TradeEvent } from '@app/contracts';
import { RawAggTrade, RawDepthUpdate, RawTicker24h, RawTrade, RecentTrade } from '@app/exchange';

/** Binance's `depthUpdate` → `md.depth.v1`. */
export function normalizeDepth(
  raw: RawDepthUpdate,
  source: MarketDataSource,
  receivedAt: number,
  producedAt: number,
): DepthDiffEvent {
  return {
    source,
    symbol: raw.s,
    firstUpdateId: raw.U,
    finalUpdateId: raw.u,
    bids: raw.b,
    asks: raw.a,
    exchangeTime: raw.E,
    receivedAt,
    producedAt,
  };
}

/** Binance's `trade` → `md.trade.v1`. */
export function normalizeTrade(
  raw: RawTrade,
  source: MarketDataSource,
  receivedAt: number,
  producedAt: number,
): TradeEvent {
  return {
    source,
    symbol: raw.s,
    tradeId: raw.t,
    aggregate: false,
    price: raw.p,
    qty: raw.q,
    buyerIsMaker: raw.m,
    tradeTime: raw.T,
    exchangeTime: raw.E,
    receivedAt,
    producedAt,
  };
}

/**
 * A trade of `/api/v3/historicalTrades` → `md.trade.v1`, as the `trade` stream would have had it.
 * REST gives no event time: the trade time stands in for it.
 */
export function normalizeRestTrade(
  raw: RecentTrade,
  symbol: string,
  source: MarketDataSource,
  receivedAt: number,
  producedAt: number,
): TradeEvent {
  const { id: t, price: p, qty: q, time: T, isBuyerMaker: m } = raw;
  const asStreamed: RawTrade = { e: 'trade', E: T, s: symbol, t, p, q, T, m };
  return normalizeTrade(asStreamed, source, receivedAt, producedAt);
}

/**
 * Binance's `aggTrade` → `md.trade.v1` (aggregate). Recorded aggTrades carry no symbol or event
 * time: the symbol comes from the stream name and the trade time stands in for the event time.
 */
export function normalizeAggTrade(
  raw: RawAggTrade,
  streamSymbol: string,
  source: MarketDataSource,
  receivedAt: number,
  producedAt: number,
): TradeEvent {
  return {
    source,
    symbol: raw.s ?? streamSymbol.toUpperCase(),
    tradeId: raw.a,
    aggregate: true,
    price: raw.p,
    qty: raw.q,
    buyerIsMaker: raw.m,
    tradeTime: raw.T,
    exchangeTime: raw.E ?? raw.T,
    receivedAt,
    producedAt,
  };
}

/** Binance's `24hrTicker` → `md.ticker.v1`. */
export function normalizeTicker(
  raw: RawTicker24h,
  source: MarketDataSource,
  receivedAt: number,
  producedAt: number,
): Ticker24hEvent {
  return {
    source,
    symbol: raw.s,
    priceChange: raw.p,
    priceChangePercent: raw.P,
    weightedAvgPrice: raw.w,
    lastPrice: raw.c,
    lastQty: raw.Q,
    openPrice: raw.o,
    highPrice: raw.h,
    lowPrice: raw.l,
    volume: raw.v,
    quoteVolume: raw.q,
    openTime: raw.O,
    closeTime: raw.C,
    tradeCount: raw.n,
    exchangeTime: raw.E,
    receivedAt,
    producedAt,
  };
}
