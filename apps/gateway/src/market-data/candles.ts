import { STATS_PRICE_SCALE } from '@app/contracts';
import { compareDecimals, divideDecimals, sumDecimals } from '@app/decimal';

/** The figures of one committed minute that candles are built from (stats 1m or a window row). */
export interface MinuteFigures {
  windowStart: number;
  open: string;
  high: string;
  low: string;
  close: string;
  baseVolume: string;
  quoteVolume: string;
  /** Base bought by takers (a trade whose buyer was not the maker; a swap that took base out). */
  buyVolume: string;
  /** Base sold by takers (Binance `m` true: the buyer was the maker, so the taker sold). */
  sellVolume: string;
  tradeCount: number;
  /** Mean of the minute's trade prices, as the live `stats:<PAIR>` 1m figures carry it. */
  avgPrice: string;
  /** Sum of the minute's trade prices: a stored minute has it, a stats.update.v1 event does not. */
  priceSum?: string;
}

export interface Candle {
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  baseVolume: string;
  quoteVolume: string;
  /** quoteVolume ÷ baseVolume truncated toward zero to 18 decimals, as the stats' `vwap`. */
  vwap: string;
  buyVolume: string;
  sellVolume: string;
  tradeCount: number;
  avgPrice: string | null;
}

/** Candles of `intervalMs` from minutes sorted oldest first: exact decimals, empty intervals left out. */
export function buildCandles(minutes: readonly MinuteFigures[], intervalMs: number): Candle[] {
  const groups = new Map<number, MinuteFigures[]>();
  for (const minute of minutes) {
    const openTime = minute.windowStart - (minute.windowStart % intervalMs);
    groups.set(openTime, [...(groups.get(openTime) ?? []), minute]);
  }
  return [...groups].map(([openTime, group]) => candle(openTime, group));
}

function candle(openTime: number, minutes: readonly MinuteFigures[]): Candle {
  const baseVolume = sumDecimals(minutes.map((m) => m.baseVolume));
  const quoteVolume = sumDecimals(minutes.map((m) => m.quoteVolume));
  return {
    openTime,
    open: minutes[0].open,
    high: minutes.map((m) => m.high).reduce((a, b) => (compareDecimals(a, b) >= 0 ? a : b)),
    low: minutes.map((m) => m.low).reduce((a, b) => (compareDecimals(a, b) <= 0 ? a : b)),
    close: minutes[minutes.length - 1].close,
    baseVolume,
    quoteVolume,
    // From the exact sums, never from the minutes' truncated VWAPs: a spot trade's quote is
    // price × qty exactly, so this is Σ(price × qty) ÷ Σqty; a swap's is the quote that changed
    // hands. Every minute has base volume: a trade or swap without any is not counted.
    vwap: divideDecimals(quoteVolume, baseVolume, STATS_PRICE_SCALE),
    buyVolume: sumDecimals(minutes.map((m) => m.buyVolume)),
    sellVolume: sumDecimals(minutes.map((m) => m.sellVolume)),
    tradeCount: minutes.reduce((total, m) => total + m.tradeCount, 0),
    avgPrice: averagePrice(minutes),
  };
}

/**
 * The mean trade price of the minutes, defined as the aggregator defines a window's `avgPrice`
 * (sum of prices ÷ trade count, truncated), so a one-minute candle shows the very figure the live
 * stats do. Null for several minutes when one's price sum is unknown: the mean alone, truncated,
 * cannot be summed exactly.
 */
function averagePrice(minutes: readonly MinuteFigures[]): string | null {
  if (minutes.length === 1) return minutes[0].avgPrice;
  const sums: string[] = [];
  for (const minute of minutes) {
    if (minute.priceSum === undefined) return null;
    sums.push(minute.priceSum);
  }
  const trades = minutes.reduce((total, m) => total + m.tradeCount, 0);
  return divideDecimals(sumDecimals(sums), String(trades), STATS_PRICE_SCALE);
}
