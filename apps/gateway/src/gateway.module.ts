import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard/dashboard.controller';
import { ChannelHub } from './fanout/channel-hub';
import { MarketDataConsumer } from './market-data/market-data.consumer';
import { ConfigurableModuleClass } from './ws/gateway.options';
import { MarketDataGateway } from './ws/market-data.gateway';

/** The gateway's features, independent of how messaging and storage are wired. */
@Module({
  controllers: [MarketDataConsumer, DashboardController],
  providers: [ChannelHub, MarketDataGateway],
})
export class GatewayModule extends ConfigurableModuleClass {}
