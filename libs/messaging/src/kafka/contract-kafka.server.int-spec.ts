import {
  BOOK_TICKER_TOPIC,
  BookTickerEvent,
  DEAD_LETTER_TOPIC,
  DeadLetterEvent,
  decodeEvent,
  encodeEvent,
} from '@app/contracts';
import { Controller, INestMicroservice, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { createConsumerStrategy } from '../consumer-strategy';
import { KafkaSettings } from './kafka-settings';

const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',');
const runId = randomBytes(4).toString('hex');
// A symbol no other test uses, so this file only looks at its own messages on shared topics.
const symbol = `T${runId.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 12);

const received: BookTickerEvent[] = [];

@Controller()
class RecordingConsumer {
  @EventPattern(BOOK_TICKER_TOPIC.name)
  onBookTicker(@Payload() event: BookTickerEvent): void {
    if (event.symbol === symbol) received.push(event);
  }
}

@Module({ controllers: [RecordingConsumer] })
class RecordingModule {}

function ticker(updateId: number): BookTickerEvent {
  return {
    source: 'simulator',
    symbol,
    updateId,
    bidPrice: '100.01',
    bidQty: '1.5',
    askPrice: '100.02',
    askQty: '2',
    exchangeTime: 1_700_000_000_000,
    receivedAt: 1_700_000_000_001,
    producedAt: 1_700_000_000_002,
  };
}

async function eventually<T>(read: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The validating Kafka server on the run's Apache Kafka broker: bad messages go to the DLQ, good ones on. */
describe('ContractKafkaServer on the Apache Kafka broker', () => {
  const kafka = new Kafka({ clientId: `it-${runId}`, brokers, logLevel: logLevel.NOTHING });
  let app: INestMicroservice;
  let producer: Producer;
  let dlqReader: Consumer;
  const letters: DeadLetterEvent[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const settings: KafkaSettings = {
      brokers,
      clientId: `it-${runId}`,
      lingerMs: 5,
      batchMaxMessages: 100,
      fetchMaxWaitMs: 100,
      sessionTimeoutMs: 6000,
    };
    app = await NestFactory.createMicroservice(RecordingModule, {
      strategy: createConsumerStrategy({ transport: 'kafka', kafka: settings }, { group: 'it' }),
      logger: false,
    });
    await app.listen();
    producer = kafka.producer();
    await producer.connect();
    dlqReader = kafka.consumer({ groupId: `it-dlq-${runId}`, maxWaitTimeInMs: 100 });
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: DEAD_LETTER_TOPIC.name, fromBeginning: true });
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        const decoded = decodeEvent(DEAD_LETTER_TOPIC, message.value);
        if (decoded.ok && decoded.value.key === symbol) letters.push(decoded.value);
      },
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([app?.close(), producer?.disconnect(), dlqReader?.disconnect()]);
  });

  it('dead-letters invalid messages with the reason and keeps consuming the valid ones', async () => {
    const floatPrice = JSON.stringify({ ...ticker(1), bidPrice: 100.01 });
    await producer.send({
      topic: BOOK_TICKER_TOPIC.name,
      messages: [
        { key: symbol, value: floatPrice },
        { key: symbol, value: 'not json at all' },
        encodeEvent(BOOK_TICKER_TOPIC, ticker(2)),
      ],
    });

    const [event] = await eventually(() => (received.length > 0 ? received : undefined), 45_000);
    expect(event).toBeInstanceOf(BookTickerEvent);
    expect(event).toEqual(ticker(2));

    const dead = await eventually(() => (letters.length >= 2 ? letters : undefined));
    expect(dead.map(({ topic, key, value, reason }) => ({ topic, key, value, reason }))).toEqual([
      {
        topic: 'md.bookticker.v1',
        key: symbol,
        value: floatPrice,
        reason: 'bidPrice must be a string; bidPrice must be a non-negative decimal string',
      },
      {
        topic: 'md.bookticker.v1',
        key: symbol,
        value: 'not json at all',
        reason: expect.stringMatching(/^not JSON: /) as string,
      },
    ]);
    // The letters point back at the exact records, so they can be inspected or replayed.
    expect(Number(dead[1].offset)).toBe(Number(dead[0].offset) + 1);
    expect(dead[0].partition).toBe(dead[1].partition);
    expect(dead[0].consumer).toBe(`it-${runId}-it`);
  }, 90_000);
});
