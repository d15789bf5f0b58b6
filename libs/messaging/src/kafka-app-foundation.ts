import { HealthModule, LoggingModule, MetricsModule, ReadinessProbe } from '@app/platform';
import { DynamicModule, Type } from '@nestjs/common';
import { KafkaEnv } from './kafka/kafka.env';
import { kafkaSettingsFrom } from './kafka/kafka-settings';
import { MessagingModule, MessagingProbe } from './messaging.module';

/**
 * What every app on Kafka stands on: logs, `/metrics`, global Kafka messaging, and
 * `/health/{live,ready}` whose readiness checks Kafka plus the app's other dependencies.
 */
export function kafkaAppFoundation(
  env: KafkaEnv,
  app: string,
  otherProbes: Type<ReadinessProbe>[] = [],
): (DynamicModule | Type<unknown>)[] {
  return [
    LoggingModule.forRoot(env.LOG_LEVEL, app, env.LOG_FORMAT),
    MetricsModule,
    MessagingModule.forRoot({
      transport: 'kafka',
      kafka: kafkaSettingsFrom(env, app),
      isGlobal: true,
    }),
    HealthModule.forProbes([MessagingProbe, ...otherProbes]),
  ];
}
