import { kafkaAppFoundation } from '@app/messaging';
import { CacheModule, CacheProbe, DatabaseProbe, StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { AggregatorService } from './aggregation/aggregator.service';
import { AggregatorEnv } from './aggregator.env';

/**
 * The aggregator as its own process: Kafka in, aggregates and offsets in Postgres (migrated at
 * start-up unless MIGRATE_ON_START=false), latest stats in Redis and on `stats.update.v1`.
 */
@Module({})
export class AggregatorAppModule {
  static forEnv(env: AggregatorEnv): DynamicModule {
    return {
      module: AggregatorAppModule,
      imports: [
        ...kafkaAppFoundation(env, 'aggregator', [DatabaseProbe, CacheProbe]),
        StorageModule.forRoot({ ...env.storageOptions, isGlobal: true }),
        CacheModule.forRoot({ ...env.cacheOptions, isGlobal: true }),
      ],
      providers: [{ provide: AggregatorEnv, useValue: env }, AggregatorService],
    };
  }
}
