import {
  inProcessBatchSource,
  MessagingModule,
  MessagingOptions,
  MessagingProbe,
} from '@app/messaging';
import { HealthModule, LoggingModule, MetricsModule } from '@app/platform';
import { CacheModule, CacheProbe, DatabaseProbe, StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { AggregatorModule } from '../../aggregator/src';
import { GatewayModule } from '../../gateway/src';
import { BinanceSnapshotSource, OrderbookModule } from '../../orderbook/src';
import {
  MarketDataIngestModule,
  MarketDataIngestService,
  SwapIngestModule,
} from '../../producer/src';
import { EmbeddedEnv } from './embedded.env';

/**
 * Every app's feature modules in one process, for a first look on any machine: the in-process bus
 * instead of Kafka, PGlite instead of a Postgres server, an in-memory cache instead of Redis. The
 * producer (market data and swaps), the order books, the aggregator and the gateway all run.
 */
@Module({})
export class EmbeddedAppModule {
  static forEnv(
    env: EmbeddedEnv,
    messaging: MessagingOptions & { transport: 'in-process' },
  ): DynamicModule {
    const ingest = MarketDataIngestModule.forRoot(env.marketDataOptions);
    return {
      module: EmbeddedAppModule,
      imports: [
        LoggingModule.forRoot(env.LOG_LEVEL, 'embedded', env.LOG_FORMAT),
        MetricsModule,
        MessagingModule.forRoot({ ...messaging, isGlobal: true }),
        StorageModule.forRoot({ ...env.storageOptions, isGlobal: true }),
        CacheModule.forRoot({ kind: 'memory', prefix: 'marketstream:', isGlobal: true }),
        HealthModule.forProbes([MessagingProbe, DatabaseProbe, CacheProbe]),
        ingest,
        SwapIngestModule.forRoot(env.swapOptions),
        // The books sync from the exchange the producer reads: with the simulator or a replay,
        // its server in this process, whose URL is known once the producer has started it.
        OrderbookModule.forRootAsync({
          imports: [ingest],
          inject: [MarketDataIngestService],
          useFactory: (producer: MarketDataIngestService) =>
            env.bookOptions(
              new BinanceSnapshotSource(() => producer.exchangeRestUrl),
              env.PRIORITY_SYMBOLS ?? [],
            ),
        }),
        AggregatorModule.forRoot(
          inProcessBatchSource(messaging.bus, { groupId: 'marketstream-aggregator' }),
          env.retentionOptions,
        ),
        GatewayModule.forRoot(env.gatewayOptions),
      ],
    };
  }
}
