import { InProcessBus } from './in-process/in-process-bus';
import { BackPressureListener } from './kafka/back-pressure';
import { KafkaBacklog } from './kafka/kafka-buffering';
import { KafkaSettings } from './kafka/kafka-settings';
import { OutgoingMessage } from './publishing/outgoing-message';

/** Kafka in every real deployment; the in-process bus in the embedded, one-process mode. */
export type MessagingOptions =
  { transport: 'kafka'; kafka: KafkaSettings } | { transport: 'in-process'; bus: InProcessBus };

export const MESSAGING_CLIENT = Symbol('MESSAGING_CLIENT');

/**
 * What the system relies on from a transport (`BatchingKafkaClient`, `InProcessClient`): events
 * only, no request-response. Batching and back-pressure are stated here as capabilities, so no
 * caller has to ask which transport it holds.
 */
export interface EventClient {
  /**
   * Queues an encoded event; resolves once the transport accepted it (Kafka: once the batch it
   * went out in was acknowledged). Past the transport's buffer it rejects with
   * `BufferOverflowError`, and the caller counts the drop.
   */
  publishEncoded(topic: string, message: OutgoingMessage): Promise<void>;
  /**
   * `listener(true)` while sources that can pause reading should, `listener(false)` when they may
   * go on (see `BackPressure`); a transport that never needs a pause never calls it. Returns the
   * unsubscribe function.
   */
  onBackPressure(listener: BackPressureListener): () => void;
  /** The events waiting for a remote broker, for readiness; null where there is none. */
  readonly backlog: KafkaBacklog | null;
  /** Delivers what it holds (within the shutdown deadline), then lets go of its connections. */
  close(): Promise<void>;
}
