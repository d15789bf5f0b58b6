import { KafkaEnv } from '@app/messaging';
import { EnvConstructor, EnvInt } from '@app/platform';
import { WithPostgresEnv, WithRedisEnv } from '@app/storage';
import { ValidateBy } from 'class-validator';
import { RetentionOptions } from './aggregation/retention-pruner';

const DAY_MS = 86_400_000;

/** How long the aggregator keeps its ledger and minutes; shared by the app and the embedded mode. */
export function WithRetentionSettings<TBase extends EnvConstructor>(Base: TBase) {
  class RetentionEnv extends Base {
    /** Days behind the newest event that the exactly-once ledger remembers event ids. */
    @EnvInt(1, 3650)
    AGGREGATOR_LEDGER_RETENTION_DAYS: number = 7;

    /** Days behind the newest minute that one-minute windows are kept (hours and days stay). */
    @EnvInt(2, 36500)
    @ValidateBy({
      name: 'exceedsLedgerRetention',
      validator: {
        validate: (value: unknown, args) =>
          typeof value === 'number' &&
          value > (args?.object as RetentionEnv).AGGREGATOR_LEDGER_RETENTION_DAYS,
        defaultMessage: () =>
          '$property must be more days than AGGREGATOR_LEDGER_RETENTION_DAYS (a late event recomputes its whole day)',
      },
    })
    AGGREGATOR_MINUTE_RETENTION_DAYS: number = 90;

    /** How often old ledger rows and minutes are pruned; 0 = never. */
    @EnvInt(0, 86_400_000)
    AGGREGATOR_PRUNE_INTERVAL_MS: number = 3_600_000;

    get retentionOptions(): RetentionOptions {
      return {
        ledgerMs: this.AGGREGATOR_LEDGER_RETENTION_DAYS * DAY_MS,
        minutesMs: this.AGGREGATOR_MINUTE_RETENTION_DAYS * DAY_MS,
        pruneIntervalMs: this.AGGREGATOR_PRUNE_INTERVAL_MS,
      };
    }
  }
  return RetentionEnv;
}

export class AggregatorEnv extends WithRetentionSettings(WithRedisEnv(WithPostgresEnv(KafkaEnv))) {
  /**
   * Partitions whose batches are handled at the same time, each in its own transaction (the
   * Postgres pool has 5 connections; the others queue for one). More than the pool pays: kafkajs
   * fetches again only when every handler of a fetch has finished, so with 4 of 12 partitions at
   * a time the consumer waits out three rounds of transactions per fetch (bench/aggregator).
   */
  @EnvInt(1, 64)
  AGGREGATOR_CONCURRENCY: number = 12;
}
