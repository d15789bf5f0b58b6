import { DeadLetterEvent, TopicContract } from '@app/contracts';
import type { KafkaClientConfig } from '../kafka/kafka-settings';

/** A message that passed its topic's contract. */
export interface ValidMessage {
  topic: string;
  partition: number;
  offset: string;
  value: object;
}

/**
 * One fetched batch of one partition, after dead letters were taken out. The handler applies
 * `messages` and stores `nextOffset` in one transaction, checking that the stored offset still
 * equals `fromOffset` (or throwing `StaleOffsetError`). `messages` may be empty: the offset still
 * moves past the dead letters.
 */
export interface ConsumedBatch {
  topic: string;
  partition: number;
  fromOffset: string;
  nextOffset: string;
  messages: ValidMessage[];
  /** Messages between `nextOffset` and the partition's high watermark. */
  lag: number;
}

export interface BatchConsumerOptions {
  /** Brokers, client id, TLS and SASL: `kafkaClientConfig`, as for every client of the app. */
  client: KafkaClientConfig;
  groupId: string;
  topics: readonly TopicContract<object>[];
  sessionTimeoutMs: number;
  fetchMaxWaitMs: number;
  /**
   * Bytes a fetch may return per partition (kafkajs' default is 1 MiB). Larger fetches make larger
   * batches: fewer transactions for the same events.
   */
  fetchMaxBytesPerPartition?: number;
  /** Partitions handled at the same time (each batch in its own transaction). */
  partitionsConsumedConcurrently: number;
  /** Where the group resumes on each partition of `topic`, as stored with the results. */
  loadOffsets: (topic: string) => Promise<{ partition: number; nextOffset: string }[]>;
  handleBatch: (batch: ConsumedBatch) => Promise<void>;
  /**
   * Stores a refused message (the dead-letter topic); awaited before the batch is handled, so a
   * letter is never lost, but it may be stored again if that batch is redelivered (at least once):
   * the copies share their Kafka key (`deadLetterKey`: source topic, partition and offset).
   */
  deadLetter: (letter: DeadLetterEvent) => Promise<void>;
}
