import { kafkaAppFoundation } from '@app/messaging';
import { CacheModule, CacheProbe, DatabaseProbe, StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { GatewayModule } from './gateway.module';
import { GatewayEnv } from './gateway.env';

/** The gateway as its own process, one of N replicas behind a load balancer. */
@Module({})
export class GatewayAppModule {
  static forEnv(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        ...kafkaAppFoundation(env, 'gateway', [CacheProbe, DatabaseProbe]),
        CacheModule.forRoot({ ...env.cacheOptions, isGlobal: true }),
        // Candles are read from the aggregator's minute windows.
        StorageModule.forRoot({ ...env.storageOptions, isGlobal: true }),
        GatewayModule.forRoot(env.gatewayOptions),
      ],
    };
  }
}
