import { kafkaAppFoundation, kafkaBatchSource, kafkaSettingsFrom } from '@app/messaging';
import { CacheModule, CacheProbe, DatabaseProbe, StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { AggregatorModule } from './aggregator.module';
import { AggregatorEnv } from './aggregator.env';

/**
 * The aggregator as its own process: Kafka in, aggregates and offsets in Postgres (migrated at
 * start-up unless MIGRATE_ON_START=false), latest stats in Redis and on `stats.update.v1`.
 */
@Module({})
export class AggregatorAppModule {
  static forEnv(env: AggregatorEnv): DynamicModule {
    const batches = kafkaBatchSource(kafkaSettingsFrom(env, 'aggregator'), {
      fetchMaxBytesPerPartition: 8 * 1024 * 1024,
      partitionsConsumedConcurrently: env.AGGREGATOR_CONCURRENCY,
    });
    return {
      module: AggregatorAppModule,
      imports: [
        ...kafkaAppFoundation(env, 'aggregator', [DatabaseProbe, CacheProbe]),
        StorageModule.forRoot({ ...env.storageOptions, isGlobal: true }),
        CacheModule.forRoot({ ...env.cacheOptions, isGlobal: true }),
        AggregatorModule.forRoot(batches, env.retentionOptions),
      ],
    };
  }
}
