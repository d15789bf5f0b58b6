import { kafkaAppFoundation } from '@app/messaging';
import { DynamicModule, Module } from '@nestjs/common';
import { MarketDataIngestModule } from './market-data/market-data-ingest.module';
import { ProducerEnv } from './producer.env';
import { SwapIngestModule } from './swaps/swap-ingest.module';

/** The producer as its own process: exchange streams and swap events in, Kafka out. */
@Module({})
export class ProducerAppModule {
  static forEnv(env: ProducerEnv): DynamicModule {
    return {
      module: ProducerAppModule,
      imports: [
        ...kafkaAppFoundation(env, 'producer'),
        MarketDataIngestModule.forRoot(env.marketDataOptions),
        SwapIngestModule.forRoot(env.swapOptions),
      ],
    };
  }
}
