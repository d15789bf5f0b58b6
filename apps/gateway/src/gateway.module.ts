import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApiKeyGuard } from './access/api-key.guard';
import { FixedWindowThrottlerStorage } from './access/fixed-window-throttler-storage';
import { DashboardController } from './dashboard/dashboard.controller';
import { ChannelHub } from './fanout/channel-hub';
import { MarketCacheReader } from './market-data/market-cache.reader';
import { MarketDataConsumer } from './market-data/market-data.consumer';
import { MinuteHistory } from './market-data/minute-history';
import { MinuteWindowReader } from './market-data/minute-window.reader';
import { TradeHistoryReader } from './market-data/trade-history.reader';
import { MarketQueryService } from './rest/market-query.service';
import { MarketsController } from './rest/markets.controller';
import { TradeHistoryController } from './rest/trade-history.controller';
import { StatsController } from './rest/stats.controller';
import { ConfigurableModuleClass, GatewayOptions } from './ws/gateway.options';
import { MarketDataGateway } from './ws/market-data.gateway';

/**
 * The gateway's features, independent of how messaging and storage are wired: it needs a global
 * `KEY_VALUE_CACHE` (CacheModule), uses a global `SQL_DATABASE` (StorageModule) for candles when
 * there is one, and a consumer strategy delivering the market-data topics.
 */
@Module({
  controllers: [
    MarketDataConsumer,
    DashboardController,
    MarketsController,
    TradeHistoryController,
    StatsController,
  ],
  providers: [
    ChannelHub,
    MarketDataGateway,
    MarketCacheReader,
    MarketQueryService,
    MinuteWindowReader,
    TradeHistoryReader,
    ApiKeyGuard,
    { provide: MinuteHistory, useValue: new MinuteHistory() },
  ],
})
export class GatewayModule extends ConfigurableModuleClass {
  static forRoot(options: GatewayOptions): DynamicModule {
    const module = super.forRoot(options);
    const limit = options.rateLimitPerMinute ?? 1200;
    return {
      ...module,
      imports: [
        ...(module.imports ?? []),
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit }],
          storage: new FixedWindowThrottlerStorage(),
        }),
      ],
    };
  }
}
