import { STATS_PRICE_SCALE } from '@app/contracts';
import { compareDecimals } from '@app/orderbook';
import { meanOfDecimals, sumDecimals } from './exact-decimals';

/** The figures of one committed minute that candles are built from (stats 1m or a window row). */
export interface MinuteFigures {
  windowStart: number;
  open: string;
  high: string;
  low: string;
  close: string;
  baseVolume: string;
  quoteVolume: string;
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
  return [...groups].map(([openTime, group]) => ({
    openTime,
    open: group[0].open,
    high: group.map((m) => m.high).reduce((a, b) => (compareDecimals(a, b) >= 0 ? a : b)),
    low: group.map((m) => m.low).reduce((a, b) => (compareDecimals(a, b) <= 0 ? a : b)),
    close: group[group.length - 1].close,
    baseVolume: sumDecimals(group.map((m) => m.baseVolume)),
    quoteVolume: sumDecimals(group.map((m) => m.quoteVolume)),
    tradeCount: group.reduce((total, m) => total + m.tradeCount, 0),
    avgPrice: averagePrice(group),
  }));
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
  return meanOfDecimals(sumDecimals(sums), trades, STATS_PRICE_SCALE);
}
