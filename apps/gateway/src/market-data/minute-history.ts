import { StatsUpdateEvent } from '@app/contracts';
import { buildCandles, Candle, MinuteFigures } from './candles';

const MINUTE = 60_000;

/**
 * The 1-minute figures the aggregator committed, per pair, for the last `keepMinutes` minutes seen
 * by this replica: candles of 1 minute and longer are built from them exactly. A later commit of the
 * same minute replaces the earlier one.
 */
export class MinuteHistory {
  private readonly pairs = new Map<string, Map<number, StatsUpdateEvent>>();

  constructor(private readonly keepMinutes = 1440) {}

  record(event: StatsUpdateEvent): void {
    if (event.window !== '1m') return;
    let minutes = this.pairs.get(event.pair);
    if (!minutes) this.pairs.set(event.pair, (minutes = new Map<number, StatsUpdateEvent>()));
    const current = minutes.get(event.windowStart);
    if (current && current.producedAt > event.producedAt) return;
    minutes.set(event.windowStart, event);
    const oldest = event.windowStart - this.keepMinutes * MINUTE;
    for (const start of minutes.keys()) if (start <= oldest) minutes.delete(start);
  }

  knows(pair: string): boolean {
    return this.pairs.has(pair);
  }

  /** Candles of `intervalMs` starting in [from, to), oldest first; intervals without trades are left out. */
  candles(pair: string, intervalMs: number, from: number, to: number): Candle[] {
    return buildCandles(this.minutes(pair, from, to), intervalMs);
  }

  /** The minutes starting in [from, to), oldest first. */
  minutes(pair: string, from: number, to: number): MinuteFigures[] {
    const minutes = [...(this.pairs.get(pair)?.values() ?? [])]
      .filter((m) => m.windowStart >= from && m.windowStart < to)
      .sort((a, b) => a.windowStart - b.windowStart);
    return minutes;
  }
}
