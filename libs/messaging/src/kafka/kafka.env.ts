import { BaseEnv, EnvBool, EnvHostPortList, EnvInt, EnvName } from '@app/platform';

/** Kafka variables, shared by every app that talks to Kafka. */
export class KafkaEnv extends BaseEnv {
  /** Comma-separated host:port of the bootstrap brokers. */
  @EnvHostPortList()
  KAFKA_BROKERS: string[] = ['localhost:9092'];

  /** Prefix of client ids and consumer group ids, so several deployments can share a cluster. */
  @EnvName()
  KAFKA_CLIENT_PREFIX: string = 'marketstream';

  /** How long the producer waits to fill a batch before sending it. */
  @EnvInt(0, 1000)
  KAFKA_LINGER_MS: number = 5;

  /** The most messages the producer sends in one request. */
  @EnvInt(1, 100_000)
  KAFKA_BATCH_MAX_MESSAGES: number = 1000;

  /** How long a fetch waits for data before the broker answers; low for low latency. */
  @EnvInt(1, 10_000)
  KAFKA_FETCH_MAX_WAIT_MS: number = 100;

  /** Consumer group session timeout: how fast a dead member's partitions move elsewhere. */
  @EnvInt(6000, 300_000)
  KAFKA_SESSION_TIMEOUT_MS: number = 10_000;

  /** Events the producer holds while Kafka is unavailable; beyond it, drops (counted and logged). */
  @EnvInt(1, 10_000_000)
  KAFKA_BUFFER_MAX_MESSAGES: number = 100_000;

  /** Readiness reports not-ready while more events than this wait for Kafka. */
  @EnvInt(0, 10_000_000)
  KAFKA_BUFFER_NOT_READY_ABOVE: number = 50_000;

  /**
   * Encode and send produced batches on a thread of their own (kafkajs's record encoding is about
   * half of the producer's CPU per event), so it runs beside the intake: worth it with 2+ cores.
   */
  @EnvBool()
  KAFKA_SEND_THREAD: boolean = false;
}
