import { kafkaAppFoundation } from '@app/messaging';
import { CacheModule, CacheProbe } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { OrderbookModule } from './orderbook.module';
import { OrderbookEnv } from './orderbook.env';
import { OrderbookOptions } from './orderbook.options';
import { RestSnapshotSource } from './snapshots/snapshot-source';

/** The orderbook service as its own process: Kafka in and out, latest books in Redis. */
@Module({})
export class OrderbookAppModule {
  static forEnv(env: OrderbookEnv): DynamicModule {
    return {
      module: OrderbookAppModule,
      imports: [
        ...kafkaAppFoundation(env, 'orderbook', [CacheProbe]),
        CacheModule.forRoot({ ...env.cacheOptions, isGlobal: true }),
        OrderbookModule.forRoot(orderbookOptionsFrom(env)),
      ],
    };
  }
}

export function orderbookOptionsFrom(env: OrderbookEnv): OrderbookOptions {
  return {
    snapshotSource: new RestSnapshotSource(env.EXCHANGE_REST_URL),
    snapshotLimit: env.BOOK_SNAPSHOT_LIMIT,
    weightPerMinute: env.SNAPSHOT_WEIGHT_PER_MINUTE,
    prioritySymbols: env.prioritySymbols,
    depth: env.BOOK_DEPTH,
    publishIntervalMs: env.BOOK_PUBLISH_INTERVAL_MS,
    deviation: {
      envJson: env.BOOK_ANOMALY_MAX_DEVIATION_PCT,
      filePath: env.BOOK_ANOMALY_SETTINGS_FILE,
      url: env.BOOK_ANOMALY_SETTINGS_URL,
      refreshMs: env.BOOK_ANOMALY_SETTINGS_REFRESH_MS,
    },
  };
}
