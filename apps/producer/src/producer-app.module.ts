import { kafkaSettingsFrom, MessagingModule, MessagingProbe } from '@app/messaging';
import { HealthModule, LoggingModule, MetricsModule } from '@app/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { BookTickerIngestModule } from './book-ticker/book-ticker-ingest.module';
import { ProducerEnv } from './producer.env';

/** The producer as its own process: exchange streams in, Kafka out. */
@Module({})
export class ProducerAppModule {
  static forEnv(env: ProducerEnv): DynamicModule {
    return {
      module: ProducerAppModule,
      imports: [
        LoggingModule.forRoot(env.LOG_LEVEL, 'producer'),
        MetricsModule,
        MessagingModule.forRoot({ transport: 'kafka', kafka: kafkaSettingsFrom(env, 'producer'), isGlobal: true }),
        HealthModule.forProbes([MessagingProbe]),
        BookTickerIngestModule.forRoot({ symbols: env.SYMBOLS, source: env.exchangeSource }),
      ],
    };
  }
}
