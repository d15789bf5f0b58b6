import { DeadLetterEvent, defineTopic, TopicContract, TradeEvent } from '@app/contracts';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { BatchConsumerOptions, ConsumedBatch } from './batch-consumer.types';
import { KafkaBatchConsumer } from './kafka-batch-consumer';
import { StaleOffsetError } from './stale-offset.error';
import { testTrade } from '../testing/test-trade';
import { createKafkaTopics } from '../../../../tools/kafka/kafka-cluster';

const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',');

/**
 * Partition 0's next offset as the database stores it with the results: a batch applies only from
 * there, as the aggregator's transaction checks. (Each test's topic has one
 * partition.)
 */
class StoredOffset {
  readonly applied: ConsumedBatch[] = [];
  /** Resolves once the batches applied reach `end`. */
  readonly reached: Promise<void>;
  private reach = (): void => undefined;

  constructor(
    public next: string,
    private readonly end: string,
  ) {
    this.reached = new Promise((resolve) => (this.reach = resolve));
  }

  load = (): Promise<{ partition: number; nextOffset: string }[]> =>
    Promise.resolve([{ partition: 0, nextOffset: this.next }]);

  apply(batch: ConsumedBatch): Promise<void> {
    if (batch.partition !== 0) return Promise.resolve();
    if (batch.fromOffset !== this.next)
      return Promise.reject(new Error(`from ${batch.fromOffset}, stored ${this.next}`));
    this.applied.push(batch);
    this.next = batch.nextOffset;
    if (this.next === this.end) this.reach();
    return Promise.resolve();
  }
}

/**
 * The batch consumer resumes where the database says (not Kafka), dead-letters a bad message and
 * goes on, goes back to the stored offset when a handler finds its batch stale, and rejoins its
 * group after a crash kafkajs does not restart.
 */
describe(KafkaBatchConsumer.name, () => {
  const run = randomBytes(4).toString('hex');
  let consumer: KafkaBatchConsumer | undefined;

  /** A one-partition topic of this test run, holding `values` at offsets 0, 1, … */
  async function topicHolding(name: string, values: string[]): Promise<TopicContract<object>> {
    const topic = defineTopic({
      name: `it.batch-${name}-${run}.v1`,
      partitions: 1,
      valueClass: TradeEvent,
      keyOf: (event) => event.symbol,
      description: 'test topic',
    }) as TopicContract<object>;
    await createKafkaTopics(brokers, { [topic.name]: 1 });
    const producer = new Kafka({ brokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({
      topic: topic.name,
      messages: values.map((value) => ({ key: 'BTCUSDT', partition: 0, value })),
    });
    await producer.disconnect();
    return topic;
  }

  function startConsumer(
    topic: TopicContract<object>,
    handlers: Pick<BatchConsumerOptions, 'loadOffsets' | 'deadLetter' | 'handleBatch'>,
  ): void {
    consumer = new KafkaBatchConsumer({
      client: { brokers, clientId: `it-${run}`, logLevel: logLevel.WARN },
      groupId: `it-batch-${topic.name}`,
      topics: [topic],
      sessionTimeoutMs: 6000,
      fetchMaxWaitMs: 100,
      partitionsConsumedConcurrently: 1,
      ...handlers,
    });
    void consumer.start();
  }

  afterEach(() => consumer?.stop());

  it('starts at the stored offset, dead-letters invalid messages, resumes after a stale batch', async () => {
    const topic = await topicHolding(
      'stale',
      Array.from({ length: 10 }, (_, i) =>
        i === 6 ? '{"symbol":"BTCUSDT"}' : JSON.stringify(testTrade(i)),
      ),
    );

    const letters: DeadLetterEvent[] = [];
    const stored = new StoredOffset('4', '10'); // as if 0..3 had been applied with their results
    let staleOnce = true;
    startConsumer(topic, {
      loadOffsets: stored.load,
      deadLetter: (letter) => {
        letters.push(letter);
        return Promise.resolve();
      },
      handleBatch: (batch) => {
        if (staleOnce && batch.partition === 0) {
          // Another replica applied 4..4 meanwhile: this batch must not be applied.
          staleOnce = false;
          stored.next = '5';
          return Promise.reject(new StaleOffsetError(batch.topic, 0, '5', batch.fromOffset));
        }
        return stored.apply(batch);
      },
    });
    await stored.reached;

    const batches = stored.applied;
    expect(batches[0]?.fromOffset).toBe('5');
    expect(batches.flatMap((b) => b.messages.map((m) => m.offset))).toEqual(['5', '7', '8', '9']);
    expect(batches.flatMap((b) => b.messages.map((m) => (m.value as TradeEvent).tradeId))).toEqual([
      5, 7, 8, 9,
    ]);
    // At least once: the stale batch's letter was stored before its transaction was refused.
    expect([...new Set(letters.map((l) => `${l.topic}@${l.offset}`))]).toEqual([`${topic.name}@6`]);
    expect(letters[0]?.reason).toContain('tradeId');
  }, 60_000);

  it('rejoins after a crash kafkajs does not restart, at the offset stored meanwhile', async () => {
    const topic = await topicHolding(
      'rejoin',
      Array.from({ length: 10 }, (_, i) => JSON.stringify(testTrade(i))),
    );
    const stored = new StoredOffset('3', '10');
    let crashOnce = true;
    startConsumer(topic, {
      loadOffsets: stored.load,
      deadLetter: () => Promise.resolve(),
      handleBatch: (batch) => {
        if (crashOnce && batch.partition === 0) {
          crashOnce = false;
          // While this replica is away, another one holds the partition and applies 3..5.
          stored.next = '6';
          // A bug, to kafkajs: not retried, and the consumer not restarted.
          return Promise.reject(new TypeError('a bug in the handler'));
        }
        return stored.apply(batch);
      },
    });
    await stored.reached;

    const batches = stored.applied;
    expect(batches[0]?.fromOffset).toBe('6');
    expect(batches.flatMap((b) => b.messages.map((m) => m.offset))).toEqual(['6', '7', '8', '9']);
  }, 60_000);
});
