import {
  BaseEnv,
  EnvBool,
  EnvHostPortList,
  EnvInt,
  EnvName,
  EnvReadableFile,
  EnvSetTogether,
} from '@app/platform';
import { applyDecorators } from '@nestjs/common';
import { IsIn, Matches, ValidateBy } from 'class-validator';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

const SSL_FILES = ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const;
const SASL = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD_FILE'] as const;
const others = (name: string, of: readonly string[]) => of.filter((n) => n !== name);

/** KAFKA_SSL: a boolean, and true whenever a KAFKA_SSL_*_FILE is set (files for no TLS are a mistake). */
function EnvSslSwitch(): PropertyDecorator {
  return applyDecorators(
    EnvBool(),
    ValidateBy({
      name: 'isSslOnForFiles',
      validator: {
        validate: (value: unknown, args) =>
          value !== false ||
          SSL_FILES.every((file) => (args?.object as Record<string, unknown>)[file] === undefined),
        defaultMessage: () => `$property must be true when any of ${SSL_FILES.join(', ')} is set`,
      },
    }),
  );
}

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

  /**
   * TLS to the brokers (their SSL or SASL_SSL listener). Checked against KAFKA_SSL_CA_FILE, or
   * Node's public CAs when it is unset (a managed cluster with a public certificate).
   */
  @EnvSslSwitch()
  KAFKA_SSL: boolean = false;

  /** PEM CA certificate(s) the brokers' certificates must chain to (Strimzi: the cluster CA). */
  @EnvReadableFile()
  KAFKA_SSL_CA_FILE?: string;

  /** PEM client certificate, for brokers that require mutual TLS; with KAFKA_SSL_KEY_FILE. */
  @EnvReadableFile('KAFKA_SSL_KEY_FILE')
  KAFKA_SSL_CERT_FILE?: string;

  /** PEM private key (unencrypted) of KAFKA_SSL_CERT_FILE. */
  @EnvReadableFile('KAFKA_SSL_CERT_FILE')
  KAFKA_SSL_KEY_FILE?: string;

  /** SASL authentication; unset: none. Set with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE. */
  @EnvSetTogether(...others('KAFKA_SASL_MECHANISM', SASL))
  @IsIn(KAFKA_SASL_MECHANISMS, {
    message: `$property must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}, set together with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE`,
  })
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @EnvSetTogether(...others('KAFKA_SASL_USERNAME', SASL))
  @Matches(/^[^\s\0]{1,255}$/, {
    message:
      '$property must be a user name (1-255 characters, no spaces), set together with KAFKA_SASL_MECHANISM and KAFKA_SASL_PASSWORD_FILE',
  })
  KAFKA_SASL_USERNAME?: string;

  /**
   * A file holding the password (a mounted Kubernetes Secret), never the password itself, so it
   * stays out of the environment, `ps` and crash dumps. One trailing newline is ignored.
   */
  @EnvReadableFile(...others('KAFKA_SASL_PASSWORD_FILE', SASL))
  KAFKA_SASL_PASSWORD_FILE?: string;
}
