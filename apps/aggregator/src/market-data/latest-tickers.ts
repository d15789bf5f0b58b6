import { CacheKeys, Ticker24hEvent } from '@app/contracts';
import { KeyValueCache } from '@app/storage';

/**
 * The newest 24-hour ticker of each symbol in a batch (by exchange time, then arrival): only that
 * one needs to reach the cache.
 */
export function latestTickers(events: readonly Ticker24hEvent[]): Ticker24hEvent[] {
  const latest = new Map<string, Ticker24hEvent>();
  for (const event of events) {
    const seen = latest.get(event.symbol);
    if (!seen || event.exchangeTime >= seen.exchangeTime) latest.set(event.symbol, event);
  }
  return [...latest.values()];
}

/**
 * Writes `ticker:<SYMBOL>` (read by the gateway's market cache reader to seed the ticker channel).
 * Best effort after the offsets commit: a lost write is replaced by the symbol's next ticker.
 */
export async function cacheTickers(
  cache: KeyValueCache,
  events: readonly Ticker24hEvent[],
): Promise<void> {
  await Promise.all(
    latestTickers(events).map((event) =>
      cache.set(CacheKeys.ticker(event.symbol), JSON.stringify(event)),
    ),
  );
}
