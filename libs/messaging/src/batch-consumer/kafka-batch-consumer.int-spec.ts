import { DeadLetterEvent, defineTopic, TopicContract, TradeEvent } from '@app/contracts';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ConsumedBatch } from './batch-consumer.types';
import { KafkaBatchConsumer } from './kafka-batch-consumer';
import { StaleOffsetError } from './stale-offset.error';
import { testTrade } from '../testing/test-trade';

const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',');

/**
 * The batch consumer resumes where the database says (not Kafka), dead-letters a bad message and
 * goes on, and goes back to the stored offset when a handler finds its batch stale.
 */
describe(KafkaBatchConsumer.name, () => {
  const run = randomBytes(4).toString('hex');
  const topic = defineTopic({
    name: `it.batch-${run}.v1`,
    partitions: 1,
    valueClass: TradeEvent,
    keyOf: (event) => event.symbol,
    description: 'test topic',
  }) as TopicContract<object>;
  let consumer: KafkaBatchConsumer | undefined;

  afterEach(() => consumer?.stop());

  it('starts at the stored offset, dead-letters invalid messages, resumes after a stale batch', async () => {
    const producer = new Kafka({ brokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const values = Array.from({ length: 10 }, (_, i) =>
      i === 6 ? '{"symbol":"BTCUSDT"}' : JSON.stringify(testTrade(i)),
    );
    await producer.send({
      topic: topic.name,
      messages: values.map((value) => ({ key: 'BTCUSDT', partition: 0, value })),
    });
    await producer.disconnect();

    const letters: DeadLetterEvent[] = [];
    const batches: ConsumedBatch[] = [];
    let stored = '4'; // as if offsets 0..3 had been applied and committed with their results
    let staleOnce = true;
    const seen = new Promise<void>((resolve) => {
      consumer = new KafkaBatchConsumer({
        brokers,
        clientId: `it-${run}`,
        groupId: `it-batch-${run}`,
        topics: [topic],
        sessionTimeoutMs: 6000,
        fetchMaxWaitMs: 100,
        partitionsConsumedConcurrently: 1,
        loadOffsets: () => Promise.resolve([{ partition: 0, nextOffset: '4' }]),
        deadLetter: (letter) => {
          letters.push(letter);
          return Promise.resolve();
        },
        handleBatch: (batch) => {
          if (batch.partition !== 0) return Promise.resolve();
          if (staleOnce) {
            // Another replica applied 4..4 meanwhile: this batch must not be applied.
            staleOnce = false;
            stored = '5';
            return Promise.reject(new StaleOffsetError(batch.topic, 0, '5', batch.fromOffset));
          }
          if (batch.fromOffset !== stored)
            throw new Error(`from ${batch.fromOffset}, stored ${stored}`);
          batches.push(batch);
          stored = batch.nextOffset;
          if (stored === '10') resolve();
          return Promise.resolve();
        },
      });
      void consumer.start();
    });
    await seen;

    expect(batches[0]?.fromOffset).toBe('5');
    expect(batches.flatMap((b) => b.messages.map((m) => m.offset))).toEqual(['5', '7', '8', '9']);
    expect(batches.flatMap((b) => b.messages.map((m) => (m.value as TradeEvent).tradeId))).toEqual([
      5, 7, 8, 9,
    ]);
    // At least once: the stale batch's letter was stored before its transaction was refused.
    expect([...new Set(letters.map((l) => `${l.topic}@${l.offset}`))]).toEqual([`${topic.name}@6`]);
    expect(letters[0]?.reason).toContain('tradeId');
  }, 60_000);
});
