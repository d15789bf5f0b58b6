import { kafkaAppFoundation } from '@app/messaging';
import { CacheModule, CacheProbe } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { OrderbookModule } from './orderbook.module';
import { OrderbookEnv } from './orderbook.env';

/** The orderbook service as its own process: Kafka in and out, latest books in Redis. */
@Module({})
export class OrderbookAppModule {
  static forEnv(env: OrderbookEnv): DynamicModule {
    return {
      module: OrderbookAppModule,
      imports: [
        ...kafkaAppFoundation(env, 'orderbook', [CacheProbe]),
        CacheModule.forRoot({ ...env.cacheOptions, isGlobal: true }),
        OrderbookModule.forRoot(env.orderbookOptions),
      ],
    };
  }
}
