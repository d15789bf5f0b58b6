import {
  CacheKeys,
  RECENT_TRADES_CAP,
  STATS_UPDATE_TOPIC,
  TOP_SPANS,
  TradeEvent,
} from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { KeyValueCache, SqlDatabase } from '@app/storage';
import { isStatsUpdate, readTopPairs, toPairStats } from '../store/stats-reader';
import { AppliedBatch } from './apply-batch';

const TOP_PAIRS = 20;

/**
 * After a batch commits: the latest figures of what it touched go to the cache and to
 * `stats.update.v1`. Best effort by design: Postgres holds the truth, and the next batch of the
 * same pair writes fresher figures, so a crash here loses no statistic, only a notification.
 */
export class StatsOutput {
  constructor(
    private readonly db: SqlDatabase,
    private readonly cache: KeyValueCache,
    private readonly publisher: EventPublisher,
    private readonly now: () => number,
  ) {}

  async afterCommit(applied: AppliedBatch, newTrades: readonly TradeEvent[]): Promise<void> {
    const producedAt = this.now();
    // The figures the transaction stored (its `returning`): no second read.
    const minutes = applied.minuteFigures
      .map((row) => toPairStats(row, producedAt))
      .sort((a, b) => (a.pair < b.pair ? -1 : a.pair > b.pair ? 1 : a.windowStart - b.windowStart));
    const rolling = applied.rollingFigures.map((row) => toPairStats(row, producedAt));
    // stats:<PAIR>:1m holds the pair's latest window: the one ending where its rolling hour ends.
    const latestEnd = new Map(rolling.map((event) => [event.pair, event.windowEnd]));
    const latest = minutes.filter((event) => latestEnd.get(event.pair) === event.windowEnd);
    const writes: Promise<void>[] = [...latest, ...rolling].map((event) =>
      this.cache.set(CacheKeys.stats(event.pair, event.window), JSON.stringify(event)),
    );
    if (applied.pairs.length > 0) {
      const tops = await readTopPairs(this.db, TOP_SPANS, TOP_PAIRS);
      for (const [span, top] of tops) {
        writes.push(this.cache.set(CacheKeys.topPairs(span), JSON.stringify(top)));
      }
    }
    writes.push(this.pushRecentTrades(newTrades));
    await Promise.all(writes);
    await Promise.all(
      [...minutes, ...rolling]
        .filter(isStatsUpdate)
        .map((event) => this.publisher.publish(STATS_UPDATE_TOPIC, event)),
    );
  }

  /** One push per symbol of its newest trades, oldest first (so the newest ends up first). */
  private async pushRecentTrades(trades: readonly TradeEvent[]): Promise<void> {
    const bySymbol = new Map<string, TradeEvent[]>();
    for (const trade of trades) {
      const list = bySymbol.get(trade.symbol);
      if (list) list.push(trade);
      else bySymbol.set(trade.symbol, [trade]);
    }
    await Promise.all(
      [...bySymbol].map(([symbol, list]) =>
        this.cache.pushManyCapped(
          CacheKeys.trades(symbol),
          list.slice(-RECENT_TRADES_CAP).map((trade) => JSON.stringify(trade)),
          RECENT_TRADES_CAP,
        ),
      ),
    );
  }
}
