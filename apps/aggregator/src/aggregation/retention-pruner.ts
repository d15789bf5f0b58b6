import { PeriodicTask } from '@app/platform';
import { SqlDatabase } from '@app/storage';
import { Logger } from '@nestjs/common';
import { Pruned, pruneBeyondRetention, RetentionWindows } from '../store/retention-store';
import { aggregatorMetrics as metrics } from './aggregator.metrics';

export interface RetentionOptions extends RetentionWindows {
  /** How often to prune; 0 = never. */
  pruneIntervalMs: number;
}

/**
 * Keeps the ledger and the minute windows within their retention: prunes once at start-up, then
 * every `pruneIntervalMs`. Replicas may prune at once: the horizon row's lock serializes them.
 */
export class RetentionPruner {
  private readonly logger = new Logger(RetentionPruner.name);
  private readonly pruning: PeriodicTask;

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: RetentionOptions,
  ) {
    this.pruning = new PeriodicTask(
      async () => void (await this.pruneNow()),
      options.pruneIntervalMs,
    );
  }

  start(): void {
    if (this.options.pruneIntervalMs === 0) return;
    void this.pruning.run();
    this.pruning.start();
  }

  /** Stops pruning; resolves once a prune under way has finished. */
  stop(): Promise<void> {
    return this.pruning.stop();
  }

  /** One prune; a failure is logged and counted, and the next interval tries again. */
  async pruneNow(): Promise<Pruned | undefined> {
    try {
      const pruned = await this.db.transaction((tx) => pruneBeyondRetention(tx, this.options));
      metrics.prunedRows.inc({ table: 'aggregator_events' }, pruned.ledgerRows);
      metrics.prunedRows.inc({ table: 'aggregator_minute_windows' }, pruned.minuteRows);
      if (pruned.ledgerRows + pruned.minuteRows > 0)
        this.logger.log(
          `pruned ${pruned.ledgerRows} ledger rows (events before ${new Date(pruned.ledgerHorizon).toISOString()}) and ${pruned.minuteRows} minute windows`,
        );
      return pruned;
    } catch (error) {
      metrics.pruneFailures.inc();
      this.logger.warn(`pruning failed: ${(error as Error).message}`);
      return undefined;
    }
  }
}
