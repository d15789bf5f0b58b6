import { Side } from './book-side';

export interface SimulatedSymbol {
  symbol: string;
  /** Starting mid price in ticks. */
  startTicks: number;
  /** Decimals of the price tick (e.g. 2 for 0.01); at most 8. */
  priceDecimals: number;
  /** Decimals of the quantity step; at most 8. */
  qtyDecimals: number;
}

export const DEFAULT_SYMBOLS: Record<string, SimulatedSymbol> = {
  BTCUSDT: { symbol: 'BTCUSDT', startTicks: 6_500_000, priceDecimals: 2, qtyDecimals: 5 },
  ETHUSDT: { symbol: 'ETHUSDT', startTicks: 340_000, priceDecimals: 2, qtyDecimals: 4 },
  BNBUSDT: { symbol: 'BNBUSDT', startTicks: 60_000, priceDecimals: 2, qtyDecimals: 3 },
};

/** A symbol not in DEFAULT_SYMBOLS gets this shape: price 1000.00, step 0.0001. */
export function simulatedSymbol(symbol: string): SimulatedSymbol {
  return (
    DEFAULT_SYMBOLS[symbol] ?? { symbol, startTicks: 100_000, priceDecimals: 2, qtyDecimals: 4 }
  );
}

/** One level's new absolute size (0 = removed), as a depth diff reports it. */
export interface LevelChange {
  side: Side;
  ticks: number;
  lots: number;
}

/** One fill against one resting order. `aggId` groups the fills of one taker at one price. */
export interface SimulatedTrade {
  id: number;
  aggId: number;
  ticks: number;
  lots: number;
  time: number;
  /** A taker sell hits bids: the buyer is the maker. */
  buyerIsMaker: boolean;
}

/** What one step of the market did; `updateId` is the book's id after it. */
export interface MarketStep {
  symbol: string;
  time: number;
  updateId: number;
  changes: LevelChange[];
  trades: SimulatedTrade[];
  /** The best bid or ask (price or size) changed: a bookTicker is due. */
  touchChanged: boolean;
}

export interface MarketModelOptions {
  /** Levels per side at the start (default `minLevels`; bids stop at one tick). */
  initialLevels?: number;
  /**
   * A side with fewer levels gets orders beyond its worst level (default 5500): at least
   * Binance's deepest snapshot (`limit=5000`), and levels beyond it for diffs to touch.
   */
  minLevels?: number;
  /** The worst levels beyond this many per side are cancelled (default 8000). */
  maxLevels?: number;
  /** The first trade id and aggregate trade id (default 1); see `tradeIdsStartingAt`. */
  firstTradeId?: number;
}

/**
 * First trade id of a simulator started at `startTimeMs`: an exchange never reuses a trade id, so a
 * simulator that restarts must not either, or consumers that keep state across runs (the
 * aggregator's ledger) take the new run's trades for duplicates of the old run's. Ids advance a
 * thousand per millisecond of wall time, more than a run trades, and stay safe integers.
 */
export function tradeIdsStartingAt(startTimeMs: number): number {
  return startTimeMs * 1000;
}
