import { TRADE_TOPIC, TradeEvent } from '@app/contracts';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { readWholeTopic } from '../../../test/support/whole-topic';
import { readFileSync } from 'node:fs';
import {
  mutualTlsKafkaEnv,
  saslKafkaEnv,
  type SecureKafka,
  secureKafkaEnv,
  startSecureKafka,
} from '../../../test/support/secure-kafka';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];

/**
 * The built producer (built-in simulator) against an Apache Kafka whose only listener it is given
 * is a secure one, configured by the environment alone, as in a deployment: SASL_SSL with each
 * SASL mechanism, and SSL with a client certificate (mutual TLS).
 */
describe('producer on Kafka over SASL_SSL (SCRAM-SHA-512, SCRAM-SHA-256, PLAIN) and mutual TLS', () => {
  let kafka: SecureKafka;

  beforeAll(async () => {
    kafka = await startSecureKafka();
  }, 600_000); // the harness bounds each step of the start (tools/kafka)

  afterAll(async () => {
    await AppProcess.stopAll();
    await kafka?.stop();
  });

  function startProducer(
    port: number,
    kafkaEnv: Record<string, string> = secureKafkaEnv(kafka),
    symbols = SYMBOLS,
  ): AppProcess {
    return AppProcess.start('producer', {
      ...kafkaEnv,
      PORT: String(port),
      KAFKA_CLIENT_PREFIX: uniqueRunId('sasl'),
      SYMBOLS: symbols.join(','),
      SIM_EVENTS_PER_SECOND: '40',
      DEX_SOURCE: 'off',
      LOG_FORMAT: 'json',
    });
  }

  // Each way publishes symbols of its own, so each reads back only its own producer's trades.
  it.each([
    ['SASL_SSL with SCRAM-SHA-512', SYMBOLS, () => secureKafkaEnv(kafka)],
    [
      'SASL_SSL with SCRAM-SHA-256',
      ['BNBUSDT', 'SOLUSDT'],
      () => saslKafkaEnv(kafka, 'scram-sha-256'),
    ],
    ['SASL_SSL with PLAIN', ['XRPUSDT', 'ADAUSDT'], () => saslKafkaEnv(kafka, 'plain')],
    [
      'SSL with a client certificate (mutual TLS)',
      ['LTCUSDT', 'DOGEUSDT'],
      () => mutualTlsKafkaEnv(kafka),
    ],
  ])(
    '%s: creates its topics and publishes every trade, read back over the broker plaintext listener',
    async (_, symbols, kafkaEnv) => {
      const port = await freePort();
      const producer = startProducer(port, kafkaEnv(), symbols);
      await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200, 60_000);
      await sleep(3_000);
      expect(await producer.stop()).toBe(0); // SIGTERM flushes what is buffered

      // The producer reads its simulator's trades in order; each symbol's ids are consecutive.
      const trades = await readWholeTopic<TradeEvent>(kafka.cluster.brokers, TRADE_TOPIC.name);
      for (const symbol of symbols) {
        const ids = trades.filter((trade) => trade.symbol === symbol).map((trade) => trade.tradeId);
        expect(ids.length).toBeGreaterThan(0);
        expect(ids).toEqual(ids.map((_, i) => ids[0] + i));
      }
    },
    120_000,
  );

  /** Readiness answers 503 with `reason`, which the log (JSON lines) says too. */
  async function expectNotReadyBecause(producer: AppProcess, port: number, reason: string) {
    // The app serves HTTP once start-up's topic provisioning has given up on the refusing broker:
    // a TLS refusal is retried (~30 s here, over 60 s seen on a loaded machine).
    await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 503, 150_000);
    const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as {
      details: { kafka: { status: string; message: string } };
    };
    expect(ready.details.kafka).toEqual({
      status: 'down',
      message: expect.stringContaining(reason) as string,
    });
    const logged = JSON.stringify(reason).slice(1, -1); // as a JSON string holds it: \" for "
    await producer.waitForOutput(new RegExp(escapeRegExp(logged)), 100_000);
  }

  it('with a wrong password: starts, is not ready, and logs broker, mechanism and cause, never the password', async () => {
    const port = await freePort();
    const producer = startProducer(
      port,
      secureKafkaEnv(kafka, { KAFKA_SASL_PASSWORD_FILE: kafka.wrongPasswordFile }),
    );
    await expectNotReadyBecause(
      producer,
      port,
      `Kafka ${kafka.address} (SASL_SSL, scram-sha-512 as user marketstream): ` +
        'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512' +
        ' (check KAFKA_SASL_USERNAME and the password in KAFKA_SASL_PASSWORD_FILE)',
    );
    expect(producer.logs).not.toContain('not-the-password');
    expect(producer.logs).not.toContain(kafka.password);
    expect(await producer.stop('SIGKILL')).toBe(null);
  }, 300_000);

  it.each([
    [
      'no client certificate',
      () => mutualTlsKafkaEnv(kafka, { KAFKA_SSL_CERT_FILE: '', KAFKA_SSL_KEY_FILE: '' }),
      'Connection error: the broker sent TLS alert "bad certificate" (SSL alert number 42)' +
        ' (the broker requires a client certificate: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE)',
    ],
    [
      'a client certificate from a CA the broker does not trust',
      () =>
        mutualTlsKafkaEnv(kafka, {
          KAFKA_SSL_CERT_FILE: kafka.otherClientCertificate.certFile,
          KAFKA_SSL_KEY_FILE: kafka.otherClientCertificate.keyFile,
        }),
      'Connection error: the broker sent TLS alert "certificate unknown" (SSL alert number 46)' +
        ' (the broker refused the client certificate: KAFKA_SSL_CERT_FILE must be signed by a CA the broker trusts, and be valid)',
    ],
  ])(
    'mutual TLS with %s: starts, is not ready, and logs broker, cause and the variables to fix, never a key',
    async (_, kafkaEnv, cause) => {
      const port = await freePort();
      const producer = startProducer(port, kafkaEnv());
      await expectNotReadyBecause(producer, port, `Kafka ${kafka.mtlsAddress} (SSL): ${cause}`);
      for (const { keyFile } of [kafka.clientCertificate, kafka.otherClientCertificate])
        for (const line of pemBodyLines(keyFile)) expect(producer.logs).not.toContain(line);
      expect(producer.logs).not.toContain('PRIVATE KEY');
      expect(await producer.stop('SIGKILL')).toBe(null);
    },
    300_000,
  );
});

/** The base64 lines of a PEM file (no BEGIN/END lines): what a leaked key would show. */
function pemBodyLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-----'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
