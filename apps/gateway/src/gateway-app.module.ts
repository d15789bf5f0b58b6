import { kafkaSettingsFrom, MessagingModule, MessagingProbe } from '@app/messaging';
import { HealthModule, LoggingModule, MetricsModule } from '@app/platform';
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
        LoggingModule.forRoot(env.LOG_LEVEL, 'gateway'),
        MetricsModule,
        MessagingModule.forRoot({ transport: 'kafka', kafka: kafkaSettingsFrom(env, 'gateway'), isGlobal: true }),
        HealthModule.forProbes([MessagingProbe]),
        GatewayModule.forRoot({ maxSubscriptions: env.WS_MAX_SUBSCRIPTIONS }),
      ],
    };
  }
}
