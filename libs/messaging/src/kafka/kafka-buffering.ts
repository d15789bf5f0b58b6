/** How many events the Kafka client holds while Kafka cannot take them. */
export interface KafkaBuffering {
  /** Beyond this many waiting events, new ones are refused (`BufferOverflowError`) and counted. */
  maxMessages: number;
  /** Readiness fails while more than this many events are waiting. */
  notReadyAbove: number;
}

export interface KafkaBacklog {
  buffered: number;
  available: boolean;
  unavailableSince: number | null;
  /** The last send failure, with the brokers and how they were reached (`describeKafkaFailure`). */
  lastError: string | null;
  notReadyAbove: number;
}

/**
 * The buffer in front of the broker (Kafka, or the embedded mode's in-process bus) is full: this
 * event was dropped, and the caller must count it.
 */
export class BufferOverflowError extends Error {
  constructor(
    readonly topic: string,
    readonly maxMessages: number,
    broker = 'Kafka',
  ) {
    super(`${broker} buffer full (${maxMessages} events waiting): ${topic} event dropped`);
  }
}
