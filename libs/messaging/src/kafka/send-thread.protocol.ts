import type { ProducerConfig } from 'kafkajs';
import type { KafkaClientConfig } from './kafka-settings';
import { PackedBatch } from './packed-batch';

/**
 * What the Kafka send thread is started with: only cloneable kafkajs settings (no functions, so no
 * logCreator: the thread reports its log lines as messages instead; TLS and SASL as plain data).
 */
export interface SendThreadConfig {
  client: KafkaClientConfig;
  producer: Omit<ProducerConfig, 'createPartitioner'>;
}

export type ToSendThread =
  | { kind: 'send'; id: number; batch: PackedBatch }
  /** Disconnect the producer, then exit. */
  | { kind: 'close' };

export type FromSendThread =
  | { kind: 'sent'; id: number }
  | { kind: 'failed'; id: number; message: string }
  /** A kafkajs log line, at kafkajs's numeric level (1 error, 2 warn, 4 info, 5 debug). */
  | { kind: 'log'; level: number; message: string };
