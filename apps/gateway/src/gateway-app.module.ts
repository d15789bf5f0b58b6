import { kafkaAppFoundation } from '@app/messaging';
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
        ...kafkaAppFoundation(env, 'gateway'),
        GatewayModule.forRoot({ maxSubscriptions: env.WS_MAX_SUBSCRIPTIONS }),
      ],
    };
  }
}
