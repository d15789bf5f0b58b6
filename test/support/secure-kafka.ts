import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saslSslListenerProperties, type SaslUser } from '../../tools/kafka/broker-properties';
import { type KafkaCluster, startKafkaCluster } from '../../tools/kafka/kafka-cluster';
import { makeCa, makeServerCertificate } from './test-certificates';

const LISTENER = 'SECURE';

/**
 * A one-node Apache Kafka whose SECURE listener is SASL_SSL (SCRAM-SHA-512), on a certificate for
 * 127.0.0.1 signed by a CA made here with openssl, as an operator would set one up. Its PLAINTEXT
 * listener stays for the harness (topics) and for tests that read back independently.
 */
export interface SecureKafka {
  cluster: KafkaCluster;
  /** host:port of the SASL_SSL listener. */
  address: string;
  /** The CA that signed the broker's certificate, and one that did not. */
  caFile: string;
  otherCaFile: string;
  user: string;
  password: string;
  /** A file holding `password` plus a newline, as `echo` or a Secret mounted from a file writes it. */
  passwordFile: string;
  /** A file holding a password that is not the user's. */
  wrongPasswordFile: string;
  /** Stops the broker and removes the certificates and password files. */
  stop(): Promise<void>;
}

export async function startSecureKafka(topics: Record<string, number> = {}): Promise<SecureKafka> {
  const dir = mkdtempSync(join(tmpdir(), 'secure-kafka-'));
  const ca = makeCa(dir, 'kafka');
  const other = makeCa(dir, 'other');
  const server = makeServerCertificate(dir, ca);
  const keystoreFile = join(dir, 'broker.p12');
  const keystorePassword = randomBytes(8).toString('hex');
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-in',
    server.certFile,
    '-inkey',
    server.keyFile,
    '-name',
    'broker',
    '-out',
    keystoreFile,
    '-passout',
    `pass:${keystorePassword}`,
  ]);
  const user: SaslUser = {
    mechanism: 'SCRAM-SHA-512',
    name: 'marketstream',
    password: randomBytes(12).toString('hex'),
  };
  const cluster = await startKafkaCluster({
    topics,
    listeners: [{ name: LISTENER, protocol: 'SASL_SSL' }],
    properties: saslSslListenerProperties({
      name: LISTENER,
      keystoreFile,
      keystorePassword,
      users: [user],
    }),
    scramUsers: [user],
  });
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, `${user.password}\n`);
  const wrongPasswordFile = join(dir, 'wrong-password');
  writeFileSync(wrongPasswordFile, 'not-the-password\n');
  return {
    cluster,
    address: cluster.listenerAddresses[LISTENER][0],
    caFile: ca.certFile,
    otherCaFile: other.certFile,
    user: user.name,
    password: user.password,
    passwordFile,
    wrongPasswordFile,
    stop: async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The variables an app is given to reach `kafka` over SASL_SSL (or with a wrong setting). */
export function secureKafkaEnv(
  kafka: SecureKafka,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    KAFKA_BROKERS: kafka.address,
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: kafka.caFile,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: kafka.user,
    KAFKA_SASL_PASSWORD_FILE: kafka.passwordFile,
    ...overrides,
  };
}
