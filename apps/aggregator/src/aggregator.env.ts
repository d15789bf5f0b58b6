import { KafkaEnv } from '@app/messaging';
import { EnvInt } from '@app/platform';
import { WithPostgresEnv, WithRedisEnv } from '@app/storage';

export class AggregatorEnv extends WithRedisEnv(WithPostgresEnv(KafkaEnv)) {
  /**
   * Partitions whose batches are applied at the same time, each in its own transaction; the
   * Postgres pool has 5 connections, so more than 4 only queue for them.
   */
  @EnvInt(1, 64)
  AGGREGATOR_CONCURRENCY: number = 4;
}
