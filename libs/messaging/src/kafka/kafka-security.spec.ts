import { InvalidEnvironmentError, parseEnv } from '@app/platform';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeKafkaEndpoint, describeKafkaFailure, kafkaSecurityFrom } from './kafka-security';
import { kafkaClientConfig, kafkaSettingsFrom } from './kafka-settings';
import { KafkaEnv } from './kafka.env';

/** Parsing fails with exactly these lines (the message is built from them, one each). */
function expectProblems(source: NodeJS.ProcessEnv, problems: string[]): void {
  expect(() => parseEnv(KafkaEnv, source)).toThrow(new InvalidEnvironmentError(problems));
}

describe('Kafka TLS and SASL settings', () => {
  let dir: string;
  let ca: string;
  let cert: string;
  let key: string;
  let password: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
    const file = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    ca = file('ca.crt', '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n');
    cert = file('client.crt', '-----BEGIN CERTIFICATE-----\nME\n-----END CERTIFICATE-----\n');
    key = file('client.key', '-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----\n');
    // As `echo 's3cr=t,pw' > password` writes it: the newline is not part of the password.
    password = file('password', 's3cr=t,pw\n');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sasl = () => ({
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: 'marketstream',
    KAFKA_SASL_PASSWORD_FILE: password,
  });

  it('connects in plaintext, without SASL, when nothing is set', () => {
    const settings = kafkaSettingsFrom(parseEnv(KafkaEnv, {}), 'producer');
    const client = kafkaClientConfig(settings, 'admin');
    expect(client.ssl).toBeUndefined();
    expect(client.sasl).toBeUndefined();
    expect('ssl' in client || 'sasl' in client).toBe(false);
  });

  it('gives every client the CA, the client pair and the SASL user read from the files', () => {
    const env = parseEnv(KafkaEnv, {
      KAFKA_BROKERS: 'kafka-0:9093,kafka-1:9093',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: ca,
      KAFKA_SSL_CERT_FILE: cert,
      KAFKA_SSL_KEY_FILE: key,
      ...sasl(),
    });
    const client = kafkaClientConfig(kafkaSettingsFrom(env, 'aggregator'), 'consumer');
    expect(client).toMatchObject({
      clientId: 'marketstream-aggregator-consumer',
      brokers: ['kafka-0:9093', 'kafka-1:9093'],
      ssl: {
        ca: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
        cert: '-----BEGIN CERTIFICATE-----\nME\n-----END CERTIFICATE-----\n',
        key: '-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----\n',
      },
      sasl: { mechanism: 'scram-sha-512', username: 'marketstream', password: 's3cr=t,pw' },
    });
    // The send thread gets the same options by structured clone: they must survive it whole.
    expect(structuredClone(client)).toEqual(client);
  });

  it('uses TLS with the public CAs when KAFKA_SSL is true and no CA file is given', () => {
    const security = kafkaSecurityFrom(parseEnv(KafkaEnv, { KAFKA_SSL: 'true' }));
    expect(security).toEqual({ ssl: {} });
  });

  it.each([
    ['plain', 'plain'],
    ['scram-sha-256', 'scram-sha-256'],
  ])('accepts KAFKA_SASL_MECHANISM=%s over plaintext', (raw, mechanism) => {
    const env = parseEnv(KafkaEnv, { ...sasl(), KAFKA_SASL_MECHANISM: raw });
    expect(kafkaSecurityFrom(env)).toEqual({
      sasl: { mechanism, username: 'marketstream', password: 's3cr=t,pw' },
    });
  });

  it('describes where and as whom it connects, never the password', () => {
    const env = parseEnv(KafkaEnv, {
      KAFKA_BROKERS: 'kafka-0:9093',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: ca,
      ...sasl(),
    });
    const settings = kafkaSettingsFrom(env, 'gateway');
    expect(describeKafkaEndpoint(settings)).toBe(
      'Kafka kafka-0:9093 (SASL_SSL, scram-sha-512 as user marketstream)',
    );
    expect(describeKafkaEndpoint(kafkaSettingsFrom(parseEnv(KafkaEnv, {}), 'x'))).toBe(
      'Kafka localhost:9092 (PLAINTEXT)',
    );
    expect(describeKafkaEndpoint({ brokers: ['k:9093'], ssl: {}, sasl: undefined })).toBe(
      'Kafka k:9093 (SSL)',
    );
  });

  it('names the setting to check when the reason points at one', () => {
    const secure = {
      brokers: ['k:9093'],
      ssl: {},
      sasl: { mechanism: 'plain' as const, username: 'u', password: 'p' },
    };
    expect(
      describeKafkaFailure(
        secure,
        'Connection error: self-signed certificate in certificate chain',
      ),
    ).toBe(
      'Kafka k:9093 (SASL_SSL, plain as user u): Connection error: self-signed certificate in certificate chain' +
        ' (KAFKA_SSL_CA_FILE must hold the CA that signed the broker certificate)',
    );
    // Node 22+ words it with advice about its own trust store, which the apps do not use here.
    expect(
      describeKafkaFailure(
        secure,
        'Connection error: unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
      ),
    ).toBe(
      'Kafka k:9093 (SASL_SSL, plain as user u): Connection error: unable to verify the first certificate' +
        ' (KAFKA_SSL_CA_FILE must hold the CA that signed the broker certificate)',
    );
    expect(describeKafkaFailure({ brokers: ['k:9093'] }, 'Closed connection')).toBe(
      'Kafka k:9093 (PLAINTEXT): Closed connection (a TLS listener closes plaintext connections: KAFKA_SSL=true?)',
    );
    expect(describeKafkaFailure(secure, 'SASL PLAIN authentication failed: x')).toBe(
      'Kafka k:9093 (SASL_SSL, plain as user u): SASL PLAIN authentication failed: x' +
        ' (check KAFKA_SASL_USERNAME and the password in KAFKA_SASL_PASSWORD_FILE)',
    );
    expect(describeKafkaFailure(secure, 'Connection timeout')).toBe(
      'Kafka k:9093 (SASL_SSL, plain as user u): Connection timeout',
    );
  });

  it('names the client certificate variables when a mutual TLS broker sends a certificate alert', () => {
    // kafkajs's words, as Node 22's OpenSSL gave them against Kafka 4 with ssl.client.auth=required.
    const alert = (words: string, number: number) =>
      `Connection error: 807CEA5F717F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert ${words}:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number ${number}\n`;
    const noCertificate = { brokers: ['k:9094'], ssl: { ca: 'CA' } };
    const withCertificate = { brokers: ['k:9094'], ssl: { ca: 'CA', cert: 'C', key: 'K' } };
    expect(describeKafkaFailure(noCertificate, alert('bad certificate', 42))).toBe(
      'Kafka k:9094 (SSL): Connection error: the broker sent TLS alert "bad certificate" (SSL alert number 42)' +
        ' (the broker requires a client certificate: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE)',
    );
    expect(describeKafkaFailure(withCertificate, alert('certificate unknown', 46))).toBe(
      'Kafka k:9094 (SSL): Connection error: the broker sent TLS alert "certificate unknown" (SSL alert number 46)' +
        ' (the broker refused the client certificate: KAFKA_SSL_CERT_FILE must be signed by a CA the broker trusts, and be valid)',
    );
    // An alert about something else keeps its words and gets no certificate hint.
    expect(describeKafkaFailure(withCertificate, alert('handshake failure', 40))).toBe(
      'Kafka k:9094 (SSL): Connection error: the broker sent TLS alert "handshake failure" (SSL alert number 40)',
    );
  });

  it("reads the alert in Node 24's OpenSSL words too", () => {
    const node24 =
      'Connection error: 409D0221437F0000:error:0A000412:SSL routines:ssl3_read_bytes:ssl/tls alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:918:SSL alert number 42\n';
    expect(describeKafkaFailure({ brokers: ['k:9094'], ssl: { ca: 'CA' } }, node24)).toBe(
      'Kafka k:9094 (SSL): Connection error: the broker sent TLS alert "bad certificate" (SSL alert number 42)' +
        ' (the broker requires a client certificate: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE)',
    );
  });

  describe('refuses, naming the variable and the file', () => {
    it('a CA file that does not exist', () => {
      const missing = join(dir, 'missing-ca.crt');
      expectProblems({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: missing }, [
        `KAFKA_SSL_CA_FILE cannot be read: ENOENT: no such file or directory (got "${missing}")`,
      ]);
    });

    it('a password file that cannot be read', () => {
      const locked = join(dir, 'locked-password');
      writeFileSync(locked, 'hunter2');
      chmodSync(locked, 0o000);
      // root reads anything: then there is nothing to refuse.
      const root = process.getuid?.() === 0;
      if (!root) {
        expectProblems({ ...sasl(), KAFKA_SASL_PASSWORD_FILE: locked }, [
          `KAFKA_SASL_PASSWORD_FILE cannot be read: EACCES: permission denied (got "${locked}")`,
        ]);
      }
      chmodSync(locked, 0o600);
    });

    it('a directory where a file belongs', () => {
      expectProblems({ ...sasl(), KAFKA_SASL_PASSWORD_FILE: dir }, [
        `KAFKA_SASL_PASSWORD_FILE cannot be read: not a regular file (${dir}) (got "${dir}")`,
      ]);
    });

    it('SASL with its user or password missing', () => {
      expectProblems({ KAFKA_SASL_MECHANISM: 'scram-sha-512' }, [
        'KAFKA_SASL_USERNAME must be a user name (1-255 characters, no spaces), set together with KAFKA_SASL_MECHANISM and KAFKA_SASL_PASSWORD_FILE (it is not set)',
        'KAFKA_SASL_PASSWORD_FILE must be the path of a readable file, set together with KAFKA_SASL_MECHANISM and KAFKA_SASL_USERNAME (it is not set)',
      ]);
    });

    it('a SASL user without a mechanism, and an unknown mechanism', () => {
      expectProblems({ ...sasl(), KAFKA_SASL_MECHANISM: undefined }, [
        'KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512, set together with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE (it is not set)',
      ]);
      expectProblems({ ...sasl(), KAFKA_SASL_MECHANISM: 'gssapi' }, [
        'KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512, set together with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE (got "gssapi")',
      ]);
    });

    it('TLS files while KAFKA_SSL is false, and a client certificate without its key', () => {
      expectProblems({ KAFKA_SSL_CA_FILE: ca }, [
        'KAFKA_SSL must be true when any of KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE is set (it is not set)',
      ]);
      expectProblems({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: cert }, [
        'KAFKA_SSL_KEY_FILE must be the path of a readable file, set together with KAFKA_SSL_CERT_FILE (it is not set)',
      ]);
    });
  });
});
