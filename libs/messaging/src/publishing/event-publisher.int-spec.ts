import { BOOK_TICKER_TOPIC, BookTickerEvent, decodeEvent } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { MessagingModule } from '../messaging.module';
import { EventPublisher } from './event-publisher';

const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',');

/** Where kafkajs's default (Java-compatible murmur2) partitioner puts a key: the independent check. */
function defaultPartitionOf(key: string, partitions: number): number {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    partitionErrorCode: 0,
  }));
  return Partitioners.DefaultPartitioner()({
    topic: BOOK_TICKER_TOPIC.name,
    partitionMetadata,
    message: { key, value: null },
  });
}

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

/** EventPublisher over the batching Kafka client, read back by a plain kafkajs consumer. */
describe.each([
  ['on the main thread', false],
  ['from the Kafka send thread', true],
])(`${EventPublisher.name} on the Apache Kafka broker, sending %s`, (_, sendThread) => {
  const runId = randomBytes(4).toString('hex').toUpperCase();
  const symbols = ['A', 'B', 'C'].map((letter) => `P${letter}${runId}`);

  it("delivers every event once, keyed by symbol, in order per symbol, on its key's partition", async () => {
    Logger.overrideLogger(false);
    const moduleRef = await Test.createTestingModule({
      imports: [
        MessagingModule.forRoot({
          transport: 'kafka',
          kafka: {
            brokers,
            clientId: `it-pub-${runId}`,
            lingerMs: 20,
            batchMaxMessages: 50,
            fetchMaxWaitMs: 100,
            sessionTimeoutMs: 6000,
            sendThread,
          },
        }),
      ],
    }).compile();
    const publisher = moduleRef.get(EventPublisher);
    const sent = Array.from({ length: 300 }, (_, i) => ticker(symbols[i % 3], i + 1));
    await Promise.all(sent.map((event) => publisher.publish(BOOK_TICKER_TOPIC, event)));
    await moduleRef.close();

    const kafka = new Kafka({ clientId: `it-read-${runId}`, brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `it-read-${runId}`, maxWaitTimeInMs: 100 });
    const got: { partition: number; key: string; event: BookTickerEvent }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: BOOK_TICKER_TOPIC.name, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const decoded = decodeEvent(BOOK_TICKER_TOPIC, message.value);
        if (decoded.ok && symbols.includes(decoded.value.symbol)) {
          got.push({ partition, key: message.key?.toString() ?? '', event: decoded.value });
        }
      },
    });
    const deadline = Date.now() + 45_000;
    while (got.length < sent.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await consumer.disconnect();

    expect(got).toHaveLength(300);
    for (const symbol of symbols) {
      const mine = got.filter(({ event }) => event.symbol === symbol);
      expect(mine.every(({ key }) => key === symbol)).toBe(true);
      expect(new Set(mine.map(({ partition }) => partition))).toEqual(
        new Set([defaultPartitionOf(symbol, BOOK_TICKER_TOPIC.partitions)]),
      );
      expect(mine.map(({ event }) => event.updateId)).toEqual(
        sent.filter((event) => event.symbol === symbol).map((event) => event.updateId),
      );
    }
  }, 90_000);
});
