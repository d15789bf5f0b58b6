import { KafkaConfig, logLevel } from 'kafkajs';
import { KafkaSecurity, kafkaSecurityFrom } from './kafka-security';
import { KafkaEnv } from './kafka.env';

/**
 * Everything the Kafka transport needs, derived once from the validated environment; `ssl` and
 * `sasl` (from `KafkaSecurity`) apply to every client the app makes.
 */
export interface KafkaSettings extends KafkaSecurity {
  brokers: string[];
  clientId: string;
  lingerMs: number;
  batchMaxMessages: number;
  fetchMaxWaitMs: number;
  sessionTimeoutMs: number;
  /** Events held while Kafka is unavailable (default 100,000); more are dropped and counted. */
  bufferMaxMessages?: number;
  /** Readiness fails while more events than this wait for Kafka (default 50,000). */
  bufferNotReadyAbove?: number;
  /** Send produced batches from a kafkajs producer on its own thread (`ThreadedBatchSender`). */
  sendThread?: boolean;
}

export function kafkaSettingsFrom(env: KafkaEnv, app: string): KafkaSettings {
  return {
    brokers: env.KAFKA_BROKERS,
    clientId: `${env.KAFKA_CLIENT_PREFIX}-${app}`,
    lingerMs: env.KAFKA_LINGER_MS,
    batchMaxMessages: env.KAFKA_BATCH_MAX_MESSAGES,
    fetchMaxWaitMs: env.KAFKA_FETCH_MAX_WAIT_MS,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    bufferMaxMessages: env.KAFKA_BUFFER_MAX_MESSAGES,
    bufferNotReadyAbove: env.KAFKA_BUFFER_NOT_READY_ABOVE,
    sendThread: env.KAFKA_SEND_THREAD,
    ...kafkaSecurityFrom(env),
  };
}

/**
 * kafkajs client options without functions (no logCreator or socketFactory, TLS and SASL as plain
 * data), so the same options reach a producer on the send thread.
 */
export type KafkaClientConfig = Omit<KafkaConfig, 'logCreator' | 'socketFactory' | 'sasl' | 'ssl'> &
  KafkaSecurity;

/**
 * kafkajs' own retry backoff (its `retry` option: 200 ms doubling to 5 s), the one setting every
 * client and consumer uses. A client gives up after 10 retries; a consumer never does
 * (`KAFKA_CONSUMER_RETRY`): it must outlast a broker that is away for a while.
 */
export const KAFKA_RETRY = { initialRetryTime: 200, maxRetryTime: 5000, retries: 10 } as const;
export const KAFKA_CONSUMER_RETRY = { ...KAFKA_RETRY, retries: Number.MAX_SAFE_INTEGER } as const;

/**
 * kafkajs client options. Retries keep going with a capped backoff: a broker that is away for a
 * while must not crash an app that would otherwise recover when it comes back.
 */
export function kafkaClientConfig(settings: KafkaSettings, suffix: string): KafkaClientConfig {
  return {
    clientId: `${settings.clientId}-${suffix}`,
    brokers: settings.brokers,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    logLevel: logLevel.WARN,
    retry: KAFKA_RETRY,
    ...(settings.ssl ? { ssl: settings.ssl } : {}),
    ...(settings.sasl ? { sasl: settings.sasl } : {}),
  };
}
