import { BATCH_SOURCE, BatchSource } from '@app/messaging';
import { DynamicModule, Module } from '@nestjs/common';
import { AggregatorService, RETENTION_OPTIONS } from './aggregation/aggregator.service';
import { RetentionOptions } from './aggregation/retention-pruner';

/**
 * The aggregation fed by a batch source: Kafka's consumer group in the aggregator app, the
 * in-process bus in the embedded mode. Needs the global SQL database, cache and messaging.
 */
@Module({})
export class AggregatorModule {
  static forRoot(source: BatchSource, retention: RetentionOptions): DynamicModule {
    return {
      module: AggregatorModule,
      providers: [
        { provide: BATCH_SOURCE, useValue: source },
        { provide: RETENTION_OPTIONS, useValue: retention },
        AggregatorService,
      ],
    };
  }
}
