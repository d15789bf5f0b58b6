import { BatchConsumerOptions } from './batch-consumer.types';
import { KafkaBatchConsumer } from './kafka-batch-consumer';
import { kafkaClientConfig, KafkaSettings } from '../kafka/kafka-settings';

/** What the user of a batch consumer decides; the transport's own settings come from its source. */
export type BatchConsumption = Pick<
  BatchConsumerOptions,
  'topics' | 'loadOffsets' | 'handleBatch' | 'deadLetter'
>;

/** A running batch consumer, whichever transport feeds it. */
export interface BatchConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Where a handler that stores its own offsets gets its batches: Kafka in a deployment, the
 * in-process bus in the embedded mode. `groupId` names the offsets the handler stores.
 */
export interface BatchSource {
  readonly groupId: string;
  consumer(consumption: BatchConsumption): BatchConsumer;
}

/** Injects the `BatchSource` of an app that consumes in batches (the aggregator). */
export const BATCH_SOURCE = Symbol('BATCH_SOURCE');

export interface KafkaBatchTuning {
  /** Partitions handled at the same time (each batch in its own transaction). */
  partitionsConsumedConcurrently: number;
  fetchMaxBytesPerPartition?: number;
}

/** Batches fetched from Kafka by the consumer group `settings.clientId`. */
export function kafkaBatchSource(settings: KafkaSettings, tuning: KafkaBatchTuning): BatchSource {
  const groupId = settings.clientId;
  return {
    groupId,
    consumer: (consumption) =>
      new KafkaBatchConsumer({
        ...consumption,
        ...tuning,
        client: kafkaClientConfig(settings, 'consumer'),
        groupId,
        sessionTimeoutMs: settings.sessionTimeoutMs,
        fetchMaxWaitMs: settings.fetchMaxWaitMs,
      }),
  };
}
