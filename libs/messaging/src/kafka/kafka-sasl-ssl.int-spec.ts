import { ALL_TOPICS, BOOK_TICKER_TOPIC, BookTickerEvent, TopicContract } from '@app/contracts';
import { parseEnv } from '@app/platform';
import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import { uniqueRunId } from '../../../../test/support/run-id';
import {
  mutualTlsKafkaEnv,
  saslKafkaEnv,
  type SecureKafka,
  secureKafkaEnv,
  startSecureKafka,
} from '../../../../test/support/secure-kafka';
import { kafkaBatchSource } from '../batch-consumer/batch-source';
import { MessagingModule } from '../messaging.module';
import { EventPublisher } from '../publishing/event-publisher';
import { KafkaProbe } from './kafka-health.indicator';
import { type KafkaSettings, kafkaSettingsFrom } from './kafka-settings';
import { KafkaEnv } from './kafka.env';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ticker(symbol: string, updateId: number): BookTickerEvent {
  return {
    source: 'simulator',
    symbol,
    updateId,
    bidPrice: '1.00000001',
    bidQty: '3',
    askPrice: '1.00000002',
    askQty: '4',
    exchangeTime: null,
    receivedAt: 1_700_000_000_000,
    producedAt: 1_700_000_000_001,
  };
}

async function publishWith(moduleRef: TestingModule, events: BookTickerEvent[]): Promise<void> {
  const publisher = moduleRef.get(EventPublisher);
  await Promise.all(events.map((event) => publisher.publish(BOOK_TICKER_TOPIC, event)));
  await moduleRef.close();
}

/**
 * The first delivery of each event of `symbols`, read with the batch consumer `settings` make,
 * once `expected` of them arrived (or after 60 s), plus 300 ms for a late one.
 */
async function readBack(
  settings: KafkaSettings,
  symbols: string[],
  expected: number,
): Promise<Map<string, BookTickerEvent>> {
  const got: BookTickerEvent[] = [];
  const consumer = kafkaBatchSource(settings, { partitionsConsumedConcurrently: 1 }).consumer({
    topics: [BOOK_TICKER_TOPIC as TopicContract<object>],
    loadOffsets: () => Promise.resolve([]),
    deadLetter: () => Promise.resolve(),
    handleBatch: (batch) => {
      for (const message of batch.messages) {
        const event = message.value as BookTickerEvent;
        if (symbols.includes(event.symbol)) got.push(event);
      }
      return Promise.resolve();
    },
  });
  void consumer.start();
  const deadline = Date.now() + 60_000;
  // Delivery is at least once: a batch the broker refuses in part (a partition whose leader
  // is still being elected answers NOT_LEADER) is sent again whole, and consumers drop the
  // repeats by updateId. So: every event, in order, each repeat an exact copy of one sent.
  const firstDeliveries = () =>
    new Map(got.map((event) => [`${event.symbol}/${event.updateId}`, event]));
  while (firstDeliveries().size < expected && Date.now() < deadline) await sleep(100);
  await sleep(300); // a late event would arrive now
  await consumer.stop();
  return firstDeliveries();
}

function expectDeliveredAsSent(
  delivered: Map<string, BookTickerEvent>,
  sent: BookTickerEvent[],
  symbols: string[],
): void {
  for (const symbol of symbols) {
    expect([...delivered.values()].filter((event) => event.symbol === symbol)).toEqual(
      sent.filter((event) => event.symbol === symbol),
    );
  }
  expect(delivered.size).toBe(sent.length);
}

/**
 * Every Kafka client of the messaging library, configured from the environment only, on a broker
 * whose listener is SASL_SSL with SCRAM-SHA-512 and a certificate from a CA made by openssl; then
 * the other ways in the same broker offers: PLAIN and SCRAM-SHA-256 users on that listener, and
 * an SSL listener that requires a client certificate from that CA (mutual TLS).
 */
describe('Kafka over SASL_SSL (SCRAM-SHA-512, SCRAM-SHA-256, PLAIN) and mutual TLS', () => {
  let kafka: SecureKafka;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    kafka = await startSecureKafka();
  }, 600_000); // the harness bounds each step of the start (tools/kafka)

  afterAll(async () => {
    await kafka?.stop();
  });

  const settingsFrom = (app: string, env: Record<string, string>) =>
    kafkaSettingsFrom(parseEnv(KafkaEnv, { ...env, KAFKA_CLIENT_PREFIX: app }), 'it');
  const settingsFor = (app: string, overrides: Record<string, string> = {}) =>
    settingsFrom(app, secureKafkaEnv(kafka, overrides));
  async function probeFailure(env: Record<string, string>): Promise<string> {
    const probe = new KafkaProbe(settingsFrom('probe', env), 5000);
    try {
      return await probe.check().then(
        (answer) => `answered ${JSON.stringify(answer)}`,
        (error: Error) => error.message,
      );
    } finally {
      await probe.close();
    }
  }

  describe.each([
    ['on the main thread', false],
    ['from the Kafka send thread', true],
  ])('publisher (sending %s) and batch consumer', (_, sendThread) => {
    it('create the topics, then deliver every event exactly as sent', async () => {
      const settings = { ...settingsFor(uniqueRunId('sasl')), sendThread };
      const symbols = ['A', 'B'].map((letter) => `S${letter}${sendThread ? 'T' : 'M'}`);
      const moduleRef = await Test.createTestingModule({
        imports: [MessagingModule.forRoot({ transport: 'kafka', kafka: settings })],
      }).compile();
      await moduleRef.init(); // topic provisioning, over SASL_SSL
      const sent = Array.from({ length: 200 }, (_, i) => ticker(symbols[i % 2], i + 1));
      await publishWith(moduleRef, sent);

      // Independently, over the PLAINTEXT listener: the topics the admin client created.
      const admin = new Kafka({
        brokers: kafka.cluster.brokers,
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      const topics = await admin.listTopics();
      await admin.disconnect();
      expect(
        ALL_TOPICS.map((topic) => topic.name).filter((name) => !topics.includes(name)),
      ).toEqual([]);

      expectDeliveredAsSent(await readBack(settings, symbols, sent.length), sent, symbols);
    }, 120_000);
  });

  describe('readiness says which broker, how and why, never the password', () => {
    it('answers with the right CA and password', async () => {
      const probe = new KafkaProbe(settingsFor('probe'), 5000);
      await expect(probe.check()).resolves.toEqual({ brokers: 1 });
      await probe.close();
    });

    it('a wrong password', async () => {
      const message = await probeFailure(
        secureKafkaEnv(kafka, { KAFKA_SASL_PASSWORD_FILE: kafka.wrongPasswordFile }),
      );
      expect(message).toBe(
        `Kafka ${kafka.address} (SASL_SSL, scram-sha-512 as user marketstream): ` +
          'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512' +
          ' (check KAFKA_SASL_USERNAME and the password in KAFKA_SASL_PASSWORD_FILE)',
      );
      expect(message).not.toContain('not-the-password');
      expect(message).not.toContain(kafka.password);
    });

    it('a CA that did not sign the broker certificate', async () => {
      expect(
        await probeFailure(secureKafkaEnv(kafka, { KAFKA_SSL_CA_FILE: kafka.otherCaFile })),
      ).toBe(
        `Kafka ${kafka.address} (SASL_SSL, scram-sha-512 as user marketstream): ` +
          'Connection error: unable to verify the first certificate' +
          ' (KAFKA_SSL_CA_FILE must hold the CA that signed the broker certificate)',
      );
    });

    it('a plaintext client on the TLS listener', async () => {
      expect(
        await probeFailure(secureKafkaEnv(kafka, { KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: '' })),
      ).toBe(
        `Kafka ${kafka.address} (SASL_PLAINTEXT, scram-sha-512 as user marketstream): ` +
          'Closed connection (a TLS listener closes plaintext connections: KAFKA_SSL=true?)',
      );
    });
  });

  describe.each([
    ['SASL_SSL with PLAIN', 'WPLAIN', () => saslKafkaEnv(kafka, 'plain')],
    ['SASL_SSL with SCRAM-SHA-256', 'WSCRAM', () => saslKafkaEnv(kafka, 'scram-sha-256')],
    [
      'SSL with a client certificate (mutual TLS, no SASL)',
      'WMTLS',
      () => mutualTlsKafkaEnv(kafka),
    ],
  ])('%s, from the environment only', (_, symbol, env) => {
    it('readiness answers, and the publisher and consumer deliver every event as sent', async () => {
      const settings = settingsFrom(uniqueRunId('way'), env());
      const probe = new KafkaProbe(settings, 5000);
      await expect(probe.check()).resolves.toEqual({ brokers: 1 });
      await probe.close();

      const symbols = [symbol]; // one per way, so each reads back only its own events
      const moduleRef = await Test.createTestingModule({
        imports: [MessagingModule.forRoot({ transport: 'kafka', kafka: settings })],
      }).compile();
      await moduleRef.init();
      const sent = Array.from({ length: 20 }, (_, i) => ticker(symbols[0], i + 1));
      await publishWith(moduleRef, sent);
      expectDeliveredAsSent(await readBack(settings, symbols, sent.length), sent, symbols);
    }, 120_000);
  });

  describe('readiness on the other ways in says why, never the password', () => {
    it('PLAIN with a wrong password', async () => {
      const message = await probeFailure(
        saslKafkaEnv(kafka, 'plain', { KAFKA_SASL_PASSWORD_FILE: kafka.wrongPasswordFile }),
      );
      expect(message).toBe(
        `Kafka ${kafka.address} (SASL_SSL, plain as user marketstream-plain): ` +
          'SASL PLAIN authentication failed: Authentication failed: Invalid username or password' +
          ' (check KAFKA_SASL_USERNAME and the password in KAFKA_SASL_PASSWORD_FILE)',
      );
      expect(message).not.toContain('not-the-password');
      expect(message).not.toContain(kafka.plainUser.password);
    });

    it("the PLAIN user's password with SCRAM-SHA-256: the mechanism is part of the login", async () => {
      const message = await probeFailure(
        saslKafkaEnv(kafka, 'plain', { KAFKA_SASL_MECHANISM: 'scram-sha-256' }),
      );
      expect(message).toBe(
        `Kafka ${kafka.address} (SASL_SSL, scram-sha-256 as user marketstream-plain): ` +
          'SASL SCRAM SHA256 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256' +
          ' (check KAFKA_SASL_USERNAME and the password in KAFKA_SASL_PASSWORD_FILE)',
      );
      expect(message).not.toContain(kafka.plainUser.password);
    });

    it('the mutual TLS listener without a client certificate', async () => {
      expect(
        await probeFailure(
          mutualTlsKafkaEnv(kafka, { KAFKA_SSL_CERT_FILE: '', KAFKA_SSL_KEY_FILE: '' }),
        ),
      ).toBe(
        `Kafka ${kafka.mtlsAddress} (SSL): ` +
          'Connection error: the broker sent TLS alert "bad certificate" (SSL alert number 42)' +
          ' (the broker requires a client certificate: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE)',
      );
    });

    it('the mutual TLS listener with a client certificate from another CA', async () => {
      expect(
        await probeFailure(
          mutualTlsKafkaEnv(kafka, {
            KAFKA_SSL_CERT_FILE: kafka.otherClientCertificate.certFile,
            KAFKA_SSL_KEY_FILE: kafka.otherClientCertificate.keyFile,
          }),
        ),
      ).toBe(
        `Kafka ${kafka.mtlsAddress} (SSL): ` +
          'Connection error: the broker sent TLS alert "certificate unknown" (SSL alert number 46)' +
          ' (the broker refused the client certificate: KAFKA_SSL_CERT_FILE must be signed by a CA the broker trusts, and be valid)',
      );
    });
  });
});
