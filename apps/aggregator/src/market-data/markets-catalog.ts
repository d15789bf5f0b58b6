import { CacheKeys, MarketEvent } from '@app/contracts';
import { KeyValueCache } from '@app/storage';

/**
 * Writes each symbol's newest catalog entry into the `markets` hash (field = symbol), read by the
 * gateway's `/v1/markets`, and removes the symbols the producer no longer follows. A hash, not one
 * JSON list: aggregator replicas own different partitions (symbols) and each sets only its own
 * fields, so none overwrites another's. Kafka keeps one symbol's entries in order, so the last one
 * of a batch is the newest.
 */
export async function cacheMarkets(
  cache: KeyValueCache,
  events: readonly MarketEvent[],
): Promise<void> {
  const newest = [...new Map(events.map((event) => [event.symbol, event])).values()];
  const kept = newest.filter((event) => event.followed);
  await cache.hashSet(
    CacheKeys.markets(),
    Object.fromEntries(kept.map((event) => [event.symbol, JSON.stringify(event)])),
  );
  const removed = newest.filter((event) => !event.followed).map((event) => event.symbol);
  await cache.hashDelete(CacheKeys.markets(), removed);
}
