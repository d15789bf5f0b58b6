import { MessagingModule, MessagingOptions, MessagingProbe } from '@app/messaging';
import { HealthModule, LoggingModule, MetricsModule } from '@app/platform';
import { CacheModule, CacheProbe, DatabaseProbe, StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { GatewayModule } from '../../gateway/src/gateway.module';
import { MarketDataIngestModule } from '../../producer/src/market-data/market-data-ingest.module';
import { EmbeddedEnv } from './embedded.env';

/**
 * Every app's feature modules in one process, for a first look on any machine: the in-process bus
 * instead of Kafka, PGlite instead of a Postgres server, an in-memory cache instead of Redis.
 */
@Module({})
export class EmbeddedAppModule {
  static forEnv(env: EmbeddedEnv, messaging: MessagingOptions): DynamicModule {
    return {
      module: EmbeddedAppModule,
      imports: [
        LoggingModule.forRoot(env.LOG_LEVEL, 'embedded'),
        MetricsModule,
        MessagingModule.forRoot({ ...messaging, isGlobal: true }),
        StorageModule.forRoot({ ...env.storageOptions, isGlobal: true }),
        CacheModule.forRoot({ kind: 'memory', prefix: 'marketstream:', isGlobal: true }),
        HealthModule.forProbes([MessagingProbe, DatabaseProbe, CacheProbe]),
        MarketDataIngestModule.forRoot(env.marketDataOptions),
        GatewayModule.forRoot(env.gatewayOptions),
      ],
    };
  }
}
