import { BATCH_SOURCE, BatchSource } from '@app/messaging';
import { DynamicModule, Module } from '@nestjs/common';
import { AggregatorService } from './aggregation/aggregator.service';

/**
 * The aggregation fed by a batch source: Kafka's consumer group in the aggregator app, the
 * in-process bus in the embedded mode. Needs the global SQL database, cache and messaging.
 */
@Module({})
export class AggregatorModule {
  static forRoot(source: BatchSource): DynamicModule {
    return {
      module: AggregatorModule,
      providers: [{ provide: BATCH_SOURCE, useValue: source }, AggregatorService],
    };
  }
}
