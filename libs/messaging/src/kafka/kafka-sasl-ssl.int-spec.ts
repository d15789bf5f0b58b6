import { ALL_TOPICS, BOOK_TICKER_TOPIC, BookTickerEvent, TopicContract } from '@app/contracts';
import { parseEnv } from '@app/platform';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import { uniqueRunId } from '../../../../test/support/run-id';
import {
  type SecureKafka,
  secureKafkaEnv,
  startSecureKafka,
} from '../../../../test/support/secure-kafka';
import { kafkaBatchSource } from '../batch-consumer/batch-source';
import { MessagingModule } from '../messaging.module';
import { EventPublisher } from '../publishing/event-publisher';
import { KafkaProbe } from './kafka-health.indicator';
import { kafkaSettingsFrom } from './kafka-settings';
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

/**
 * Every Kafka client of the messaging library, configured from the environment only, on a broker
 * whose listener is SASL_SSL with SCRAM-SHA-512 and a certificate from a CA made by openssl.
 */
describe('Kafka over SASL_SSL (SCRAM-SHA-512)', () => {
  let kafka: SecureKafka;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    kafka = await startSecureKafka();
  }, 120_000);

  afterAll(async () => {
    await kafka?.stop();
  });

  const settingsFor = (app: string, overrides: Record<string, string> = {}) =>
    kafkaSettingsFrom(
      parseEnv(KafkaEnv, { ...secureKafkaEnv(kafka, overrides), KAFKA_CLIENT_PREFIX: app }),
      'it',
    );

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
      const publisher = moduleRef.get(EventPublisher);
      await Promise.all(sent.map((event) => publisher.publish(BOOK_TICKER_TOPIC, event)));
      await moduleRef.close();

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
      while (firstDeliveries().size < sent.length && Date.now() < deadline) await sleep(100);
      await sleep(300); // a late event would arrive now
      await consumer.stop();

      for (const symbol of symbols) {
        expect([...firstDeliveries().values()].filter((event) => event.symbol === symbol)).toEqual(
          sent.filter((event) => event.symbol === symbol),
        );
      }
      expect(firstDeliveries().size).toBe(200);
    }, 120_000);
  });

  describe('readiness says which broker, how and why, never the password', () => {
    async function probeFailure(overrides: Record<string, string>): Promise<string> {
      const probe = new KafkaProbe(settingsFor('probe', overrides), 5000);
      try {
        return await probe.check().then(
          (answer) => `answered ${JSON.stringify(answer)}`,
          (error: Error) => error.message,
        );
      } finally {
        await probe.close();
      }
    }

    it('answers with the right CA and password', async () => {
      const probe = new KafkaProbe(settingsFor('probe'), 5000);
      await expect(probe.check()).resolves.toEqual({ brokers: 1 });
      await probe.close();
    });

    it('a wrong password', async () => {
      const message = await probeFailure({ KAFKA_SASL_PASSWORD_FILE: kafka.wrongPasswordFile });
      expect(message).toBe(
        `Kafka ${kafka.address} (SASL_SSL, scram-sha-512 as user marketstream): ` +
          'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512' +
          ' (check KAFKA_SASL_USERNAME and the password in KAFKA_SASL_PASSWORD_FILE)',
      );
      expect(message).not.toContain('not-the-password');
      expect(message).not.toContain(kafka.password);
    });

    it('a CA that did not sign the broker certificate', async () => {
      expect(await probeFailure({ KAFKA_SSL_CA_FILE: kafka.otherCaFile })).toBe(
        `Kafka ${kafka.address} (SASL_SSL, scram-sha-512 as user marketstream): ` +
          'Connection error: unable to verify the first certificate' +
          ' (KAFKA_SSL_CA_FILE must hold the CA that signed the broker certificate)',
      );
    });

    it('a plaintext client on the TLS listener', async () => {
      expect(await probeFailure({ KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: '' })).toBe(
        `Kafka ${kafka.address} (SASL_PLAINTEXT, scram-sha-512 as user marketstream): ` +
          'Closed connection (a TLS listener closes plaintext connections: KAFKA_SSL=true?)',
      );
    });
  });
});
