import { compareDecimals } from '@app/orderbook';
import { sumDecimals } from './decimal-sum';

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
  }));
}
