import { kafkaAppFoundation } from '@app/messaging';
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
        ...kafkaAppFoundation(env, 'producer'),
        BookTickerIngestModule.forRoot({ symbols: env.SYMBOLS, source: env.exchangeSource }),
      ],
    };
  }
}
