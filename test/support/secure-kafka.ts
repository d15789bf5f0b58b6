import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  mutualTlsListenerProperties,
  saslSslListenerProperties,
  type SaslUser,
} from '../../tools/kafka/broker-properties';
import { type KafkaCluster, startKafkaCluster } from '../../tools/kafka/kafka-cluster';
import {
  makeCa,
  makeClientCertificate,
  makeServerCertificate,
  type ClientCertificate,
} from './test-certificates';

const LISTENER = 'SECURE';
const MTLS_LISTENER = 'MTLS';

/** A SASL user of the SECURE listener, with its password in a file as an app is given it. */
export interface SecureKafkaUser {
  name: string;
  password: string;
  passwordFile: string;
}

/**
 * A one-node Apache Kafka with two TLS listeners on a certificate for 127.0.0.1 signed by a CA
 * made here with openssl, as an operator would set one up:
 * - SECURE, SASL_SSL: a SCRAM-SHA-512 user (`user`), a SCRAM-SHA-256 user and a PLAIN user, each
 *   with its own name, so a client that logs in proves the mechanism it used;
 * - MTLS, SSL with `ssl.client.auth=required`: only clients with a certificate from the same CA.
 * Its PLAINTEXT listener stays for the harness (topics) and for tests that read back independently.
 */
export interface SecureKafka {
  cluster: KafkaCluster;
  /** host:port of the SASL_SSL listener. */
  address: string;
  /** host:port of the SSL listener that requires a client certificate. */
  mtlsAddress: string;
  /** The CA that signed the broker's certificate, and one that did not. */
  caFile: string;
  otherCaFile: string;
  /** The SCRAM-SHA-512 user (name, password, password file). */
  user: string;
  password: string;
  /** A file holding `password` plus a newline, as `echo` or a Secret mounted from a file writes it. */
  passwordFile: string;
  /** A file holding a password that is not the user's. */
  wrongPasswordFile: string;
  /** The users of the other mechanisms of the SASL_SSL listener. */
  scramSha256User: SecureKafkaUser;
  plainUser: SecureKafkaUser;
  /** A client certificate from the CA (the MTLS listener accepts it), and one from the other CA. */
  clientCertificate: ClientCertificate;
  otherClientCertificate: ClientCertificate;
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
  const saslUser = (mechanism: SaslUser['mechanism'], name: string): SaslUser => ({
    mechanism,
    name,
    password: randomBytes(12).toString('hex'),
  });
  const user = saslUser('SCRAM-SHA-512', 'marketstream');
  const scramSha256 = saslUser('SCRAM-SHA-256', 'marketstream-sha256');
  const plain = saslUser('PLAIN', 'marketstream-plain');
  const users = [user, scramSha256, plain];
  const cluster = await startKafkaCluster({
    topics,
    listeners: [
      { name: LISTENER, protocol: 'SASL_SSL' },
      { name: MTLS_LISTENER, protocol: 'SSL' },
    ],
    properties: {
      ...saslSslListenerProperties({ name: LISTENER, keystoreFile, keystorePassword, users }),
      ...mutualTlsListenerProperties({
        name: MTLS_LISTENER,
        keystoreFile,
        keystorePassword,
        truststoreFile: ca.certFile,
      }),
    },
    scramUsers: users,
  });
  const withPasswordFile = ({ name, password }: SaslUser): SecureKafkaUser => {
    const passwordFile = join(dir, `password-${name}`);
    writeFileSync(passwordFile, `${password}\n`);
    return { name, password, passwordFile };
  };
  const wrongPasswordFile = join(dir, 'wrong-password');
  writeFileSync(wrongPasswordFile, 'not-the-password\n');
  return {
    cluster,
    address: cluster.listenerAddresses[LISTENER][0],
    mtlsAddress: cluster.listenerAddresses[MTLS_LISTENER][0],
    caFile: ca.certFile,
    otherCaFile: other.certFile,
    user: user.name,
    password: user.password,
    passwordFile: withPasswordFile(user).passwordFile,
    wrongPasswordFile,
    scramSha256User: withPasswordFile(scramSha256),
    plainUser: withPasswordFile(plain),
    clientCertificate: makeClientCertificate(dir, ca, 'marketstream'),
    otherClientCertificate: makeClientCertificate(dir, other, 'marketstream'),
    stop: async () => {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** TLS to `address`, trusting the CA that signed the broker's certificate. */
const tlsEnv = (kafka: SecureKafka, address: string) => ({
  KAFKA_BROKERS: address,
  KAFKA_SSL: 'true',
  KAFKA_SSL_CA_FILE: kafka.caFile,
});

/** The variables an app is given to reach `kafka` over SASL_SSL (or with a wrong setting). */
export function secureKafkaEnv(
  kafka: SecureKafka,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    ...tlsEnv(kafka, kafka.address),
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: kafka.user,
    KAFKA_SASL_PASSWORD_FILE: kafka.passwordFile,
    ...overrides,
  };
}

/**
 * The variables an app is given to log in on `kafka`'s SASL_SSL listener as the user it knows
 * for `mechanism` (a user of one mechanism only, so a login proves which one was used).
 */
export function saslKafkaEnv(
  kafka: SecureKafka,
  mechanism: 'plain' | 'scram-sha-256',
  overrides: Record<string, string> = {},
): Record<string, string> {
  const user = mechanism === 'plain' ? kafka.plainUser : kafka.scramSha256User;
  return secureKafkaEnv(kafka, {
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: user.name,
    KAFKA_SASL_PASSWORD_FILE: user.passwordFile,
    ...overrides,
  });
}

/** The variables an app is given to reach `kafka`'s mutual TLS listener with its certificate. */
export function mutualTlsKafkaEnv(
  kafka: SecureKafka,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    ...tlsEnv(kafka, kafka.mtlsAddress),
    KAFKA_SSL_CERT_FILE: kafka.clientCertificate.certFile,
    KAFKA_SSL_KEY_FILE: kafka.clientCertificate.keyFile,
    ...overrides,
  };
}
