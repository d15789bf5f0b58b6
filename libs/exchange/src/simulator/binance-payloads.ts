import { formatFixed } from '@app/decimal';
import { DiffBatch } from './diff-batcher';
import { SimulatedSymbol, SimulatedTrade } from './market-types';
import { SymbolMarket } from './symbol-market';

// Binance spot's JSON shapes, field for field, built from the true market's integers.

export type Level = [price: string, qty: string];

export interface DepthSnapshotPayload {
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
}

const price = (spec: SimulatedSymbol, ticks: number | bigint): string =>
  formatFixed(BigInt(ticks), spec.priceDecimals);
const qty = (spec: SimulatedSymbol, lots: number | bigint): string =>
  formatFixed(BigInt(lots), spec.qtyDecimals);
const levels = (spec: SimulatedSymbol, rows: [number, number][]): Level[] =>
  rows.map(([ticks, lots]) => [price(spec, ticks), qty(spec, lots)]);

export function depthSnapshot(market: SymbolMarket, limit?: number): DepthSnapshotPayload {
  return {
    lastUpdateId: market.updateId,
    bids: levels(market.spec, market.bids.levels(limit)),
    asks: levels(market.spec, market.asks.levels(limit)),
  };
}

export function depthUpdate(spec: SimulatedSymbol, batch: DiffBatch, time: number) {
  return {
    e: 'depthUpdate',
    E: time,
    s: spec.symbol,
    U: batch.U,
    u: batch.u,
    b: levels(spec, batch.bids),
    a: levels(spec, batch.asks),
  };
}

/** `E` is not in Binance spot's bookTicker; it is kept so consumers can measure latency. */
export function bookTicker(market: SymbolMarket, time: number) {
  const spec = market.spec;
  const bid = market.bids.best() ?? 0;
  const ask = market.asks.best() ?? 0;
  return {
    u: market.updateId,
    s: spec.symbol,
    b: price(spec, bid),
    B: qty(spec, market.bids.lotsAt(bid)),
    a: price(spec, ask),
    A: qty(spec, market.asks.lotsAt(ask)),
    E: time,
  };
}

export function tradeEvent(spec: SimulatedSymbol, trade: SimulatedTrade, time: number) {
  return {
    e: 'trade',
    E: time,
    s: spec.symbol,
    t: trade.id,
    p: price(spec, trade.ticks),
    q: qty(spec, trade.lots),
    T: trade.time,
    m: trade.buyerIsMaker,
    M: true,
  };
}

/** One aggregate trade: the fills of one taker at one price (consecutive trade ids). */
export function aggTradeEvent(spec: SimulatedSymbol, fills: SimulatedTrade[], time: number) {
  const first = fills[0];
  const lots = fills.reduce((sum, fill) => sum + fill.lots, 0);
  return {
    e: 'aggTrade',
    E: time,
    s: spec.symbol,
    a: first.aggId,
    p: price(spec, first.ticks),
    q: qty(spec, lots),
    f: first.id,
    l: fills[fills.length - 1].id,
    T: first.time,
    m: first.buyerIsMaker,
    M: true,
  };
}

export function restTrade(spec: SimulatedSymbol, trade: SimulatedTrade) {
  return {
    id: trade.id,
    price: price(spec, trade.ticks),
    qty: qty(spec, trade.lots),
    quoteQty: formatFixed(
      BigInt(trade.ticks) * BigInt(trade.lots),
      spec.priceDecimals + spec.qtyDecimals,
    ),
    time: trade.time,
    isBuyerMaker: trade.buyerIsMaker,
    isBestMatch: true,
  };
}

/** `a / b` rendered with `decimals` decimals, truncated (BigInt only). */
function ratio(a: bigint, b: bigint, decimals: number): string {
  if (b === 0n) return formatFixed(0n, decimals);
  return formatFixed((a * 10n ** BigInt(decimals)) / b, decimals);
}

export function ticker24h(market: SymbolMarket, openTime: number, now: number) {
  const spec = market.spec;
  const s = market.stats;
  const bid = market.bids.best() ?? 0;
  const ask = market.asks.best() ?? 0;
  const change = BigInt(s.lastTicks - s.openTicks);
  // quote volume is in units of 10^-(price+qty decimals): scale the lots to match, then divide.
  const weighted = ratio(
    s.quoteVolumeTickLots,
    s.volumeLots * 10n ** BigInt(spec.priceDecimals),
    spec.priceDecimals,
  );
  return {
    symbol: spec.symbol,
    priceChange: price(spec, change),
    priceChangePercent: ratio(change * 100n, BigInt(s.openTicks), 3),
    weightedAvgPrice: s.count === 0 ? price(spec, s.lastTicks) : weighted,
    prevClosePrice: price(spec, s.openTicks),
    lastPrice: price(spec, s.lastTicks),
    lastQty: qty(spec, s.lastLots),
    bidPrice: price(spec, bid),
    bidQty: qty(spec, market.bids.lotsAt(bid)),
    askPrice: price(spec, ask),
    askQty: qty(spec, market.asks.lotsAt(ask)),
    openPrice: price(spec, s.openTicks),
    highPrice: price(spec, s.highTicks),
    lowPrice: price(spec, s.lowTicks),
    volume: qty(spec, s.volumeLots),
    quoteVolume: formatFixed(s.quoteVolumeTickLots, spec.priceDecimals + spec.qtyDecimals),
    openTime,
    closeTime: now,
    firstId: s.firstId,
    lastId: s.lastId,
    count: s.count,
  };
}

export type Ticker24h = ReturnType<typeof ticker24h>;

/** The `<s>@ticker` event: the same numbers under Binance's one-letter names. */
export function tickerEvent(t: Ticker24h, time: number) {
  return {
    e: '24hrTicker',
    E: time,
    s: t.symbol,
    p: t.priceChange,
    P: t.priceChangePercent,
    w: t.weightedAvgPrice,
    x: t.prevClosePrice,
    c: t.lastPrice,
    Q: t.lastQty,
    b: t.bidPrice,
    B: t.bidQty,
    a: t.askPrice,
    A: t.askQty,
    o: t.openPrice,
    h: t.highPrice,
    l: t.lowPrice,
    v: t.volume,
    q: t.quoteVolume,
    O: t.openTime,
    C: t.closeTime,
    F: t.firstId,
    L: t.lastId,
    n: t.count,
  };
}
