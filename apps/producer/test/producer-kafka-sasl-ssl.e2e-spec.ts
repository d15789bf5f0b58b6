import { TRADE_TOPIC, TradeEvent } from '@app/contracts';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { readWholeTopic } from '../../../test/support/whole-topic';
import {
  type SecureKafka,
  secureKafkaEnv,
  startSecureKafka,
} from '../../../test/support/secure-kafka';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];

/**
 * The built producer (built-in simulator) against an Apache Kafka whose only listener it is given
 * is SASL_SSL with SCRAM-SHA-512, configured by the environment alone, as in a deployment.
 */
describe('producer on Kafka over SASL_SSL (SCRAM-SHA-512)', () => {
  let kafka: SecureKafka;

  beforeAll(async () => {
    kafka = await startSecureKafka();
  }, 120_000);

  afterAll(async () => {
    await AppProcess.stopAll();
    await kafka?.stop();
  });

  function startProducer(port: number, overrides: Record<string, string> = {}): AppProcess {
    return AppProcess.start('producer', {
      ...secureKafkaEnv(kafka, overrides),
      PORT: String(port),
      KAFKA_CLIENT_PREFIX: uniqueRunId('sasl'),
      SYMBOLS: SYMBOLS.join(','),
      SIM_EVENTS_PER_SECOND: '40',
      DEX_SOURCE: 'off',
      LOG_FORMAT: 'json',
    });
  }

  it('creates its topics and publishes every trade, read back over the broker plaintext listener', async () => {
    const port = await freePort();
    const producer = startProducer(port);
    await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200, 60_000);
    await sleep(3_000);
    expect(await producer.stop()).toBe(0); // SIGTERM flushes what is buffered

    // The producer reads its simulator's trades in order; each symbol's ids are consecutive.
    const trades = await readWholeTopic<TradeEvent>(kafka.cluster.brokers, TRADE_TOPIC.name);
    expect(trades.length).toBeGreaterThan(0);
    for (const symbol of SYMBOLS) {
      const ids = trades.filter((trade) => trade.symbol === symbol).map((trade) => trade.tradeId);
      expect(ids).toEqual(ids.map((_, i) => ids[0] + i));
    }
  }, 120_000);

  it('with a wrong password: starts, is not ready, and logs broker, mechanism and cause, never the password', async () => {
    const port = await freePort();
    const producer = startProducer(port, { KAFKA_SASL_PASSWORD_FILE: kafka.wrongPasswordFile });
    await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 503, 60_000);
    const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as {
      details: { kafka: { status: string; message: string } };
    };
    const reason =
      `Kafka ${kafka.address} (SASL_SSL, scram-sha-512 as user marketstream): ` +
      'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512' +
      ' (check KAFKA_SASL_USERNAME and the password in KAFKA_SASL_PASSWORD_FILE)';
    expect(ready.details.kafka).toEqual({
      status: 'down',
      message: expect.stringContaining(reason) as string,
    });
    await producer.waitForOutput(/SASL SCRAM SHA512 authentication failed/);
    expect(producer.logs).toContain(reason);
    expect(producer.logs).not.toContain('not-the-password');
    expect(producer.logs).not.toContain(kafka.password);
    expect(await producer.stop('SIGKILL')).toBe(null);
  }, 120_000);
});
