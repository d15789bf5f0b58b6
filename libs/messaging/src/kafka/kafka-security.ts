import { readFileSync } from 'node:fs';
import { KafkaEnv, KafkaSaslMechanism } from './kafka.env';

/**
 * TLS to the brokers, as file contents (PEM): plain strings, so the settings can be cloned into
 * the send thread. An empty object: TLS, checked against Node's public CAs.
 */
export interface KafkaTls {
  ca?: string;
  cert?: string;
  key?: string;
}

/** One member per mechanism, as kafkajs declares its SASL options. */
export type KafkaSasl = {
  [M in KafkaSaslMechanism]: { mechanism: M; username: string; password: string };
}[KafkaSaslMechanism];

/** How every Kafka client of an app connects: neither (PLAINTEXT), either or both (SASL_SSL). */
export interface KafkaSecurity {
  ssl?: KafkaTls;
  sasl?: KafkaSasl;
}

/**
 * Reads the files the environment names. Validation has checked that they are readable, so a
 * failure here is a file that vanished since, and it stops the start as any error would.
 */
export function kafkaSecurityFrom(env: KafkaEnv): KafkaSecurity {
  const read = (file: string | undefined) =>
    file === undefined ? undefined : readFileSync(file, 'utf8');
  const security: KafkaSecurity = {};
  if (env.KAFKA_SSL) {
    security.ssl = withoutUndefined({
      ca: read(env.KAFKA_SSL_CA_FILE),
      cert: read(env.KAFKA_SSL_CERT_FILE),
      key: read(env.KAFKA_SSL_KEY_FILE),
    });
  }
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username } = env;
  const passwordFile = env.KAFKA_SASL_PASSWORD_FILE;
  if (mechanism !== undefined && username !== undefined && passwordFile !== undefined) {
    // `echo secret > file` and most editors end the file with a newline that is not the password.
    const password = readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
    security.sasl = { mechanism, username, password };
  }
  return security;
}

/**
 * "SASL_SSL, scram-sha-512 as user marketstream": how the clients connect, in Kafka's listener
 * protocol names, for logs and readiness. Never the password.
 */
export function describeKafkaSecurity({ ssl, sasl }: KafkaSecurity): string {
  const protocol = `${sasl ? 'SASL_' : ''}${ssl ? 'SSL' : 'PLAINTEXT'}`;
  return sasl ? `${protocol}, ${sasl.mechanism} as user ${sasl.username}` : protocol;
}

/**
 * "Kafka 10.0.0.1:9093 (SASL_SSL, scram-sha-512 as user marketstream)": which brokers, and how,
 * to put before a connection failure so a log line says where and as whom it failed.
 */
export function describeKafkaEndpoint(settings: KafkaSecurity & { brokers: string[] }): string {
  return `Kafka ${settings.brokers.join(',')} (${describeKafkaSecurity(settings)})`;
}

/**
 * A connection failure as a log line: where and how (`describeKafkaEndpoint`), kafkajs's reason,
 * and which setting is the likely culprit when the reason says so. kafkajs's own words alone
 * ("Closed connection") do not tell an operator that the listener wants TLS.
 */
export function describeKafkaFailure(
  settings: KafkaSecurity & { brokers: string[] },
  reason: string,
): string {
  const said = tlsAlertInWords(withoutNodeCaAdvice(reason));
  return `${describeKafkaEndpoint(settings)}: ${said}${hintFor(settings, said)}`;
}

/**
 * Node 22+ appends "; if the root CA is installed locally, try running Node.js with
 * --use-system-ca" to certificate errors: advice for Node's own trust store, which the apps do
 * not use for Kafka (KAFKA_SSL_CA_FILE is the setting, as the hint says), so it is left out.
 */
function withoutNodeCaAdvice(reason: string): string {
  return reason.replace(
    /; if the root CA is installed locally, try running Node\.js with --use-system-ca/,
    '',
  );
}

/**
 * OpenSSL reports an alert the broker sent as "807CEA5F717F0000:error:0A000412:SSL
 * routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/…/rec_layer_s3.c:1601:SSL
 * alert number 42" plus a newline (OpenSSL 3.5 in Node 24 writes "ssl/tls alert" where Node 20's
 * writes "sslv3 alert"): only the alert and its number mean anything to an operator.
 */
function tlsAlertInWords(reason: string): string {
  return reason.replace(
    /[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:(?:sslv3 |tlsv1\d? |ssl\/tls )?alert ([^:]+):.*SSL alert number (\d+)\s*$/s,
    'the broker sent TLS alert "$1" (SSL alert number $2)',
  );
}

/**
 * A certificate alert from the broker is about the client's certificate (the broker's own is
 * checked here, and that fails with "unable to verify…", not with an alert): Kafka answers "bad
 * certificate" to none, "certificate unknown" to one from a CA outside its truststore.
 */
const CLIENT_CERTIFICATE_ALERT =
  /TLS alert "(bad certificate|certificate unknown|certificate required|unknown ca|unsupported certificate|certificate expired|certificate revoked)"/;

function hintFor({ ssl, sasl }: KafkaSecurity, reason: string): string {
  if (ssl && CLIENT_CERTIFICATE_ALERT.test(reason))
    return ssl.cert === undefined
      ? ' (the broker requires a client certificate: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE)'
      : ' (the broker refused the client certificate: KAFKA_SSL_CERT_FILE must be signed by a CA the broker trusts, and be valid)';
  if (ssl && /certificate|self.signed/i.test(reason))
    return ' (KAFKA_SSL_CA_FILE must hold the CA that signed the broker certificate)';
  if (!ssl && /Closed connection|ECONNRESET/.test(reason))
    return ' (a TLS listener closes plaintext connections: KAFKA_SSL=true?)';
  if (sasl && /authentication failed|Invalid username or password/i.test(reason))
    return ' (check KAFKA_SASL_USERNAME and the password in KAFKA_SASL_PASSWORD_FILE)';
  return '';
}

function withoutUndefined(tls: KafkaTls): KafkaTls {
  return Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== undefined));
}
