import {
  DeadLetterEvent,
  encodeEvent,
  SWAP_TOPIC,
  TopicContract,
  TRADE_TOPIC,
  TradeEvent,
} from '@app/contracts';
import { Logger } from '@nestjs/common';
import { ConsumedBatch } from '../batch-consumer/batch-consumer.types';
import { StaleOffsetError } from '../batch-consumer/stale-offset.error';
import { InProcessBatchConsumer } from './in-process-batch-consumer';
import { InProcessBus } from './in-process-bus';
import { testTrade } from '../testing/test-trade';

/** What the handler saw of one batch: its offsets and the trade ids it carried. */
interface Seen {
  topic: string;
  from: string;
  next: string;
  ids: number[];
}

describe(InProcessBatchConsumer.name, () => {
  let bus: InProcessBus;
  let consumer: InProcessBatchConsumer;
  let seen: Seen[];
  let letters: DeadLetterEvent[];
  let stored: Map<string, string>;
  let handle: (batch: ConsumedBatch) => Promise<void>;

  /** Stores offsets like `advanceOffset`: a batch applies only from the stored offset. */
  function applyFenced(batch: ConsumedBatch): Promise<void> {
    const current = stored.get(batch.topic) ?? '0';
    if (current !== batch.fromOffset) {
      throw new StaleOffsetError(batch.topic, 0, current, batch.fromOffset);
    }
    seen.push({
      topic: batch.topic,
      from: batch.fromOffset,
      next: batch.nextOffset,
      ids: batch.messages.map((m) => (m.value as TradeEvent).tradeId),
    });
    stored.set(batch.topic, batch.nextOffset);
    return Promise.resolve();
  }

  function create(loadDelayMs = 0): InProcessBatchConsumer {
    return new InProcessBatchConsumer(
      bus,
      {
        topics: [TRADE_TOPIC, SWAP_TOPIC] as TopicContract<object>[],
        loadOffsets: async (topic) => {
          await new Promise((resolve) => setTimeout(resolve, loadDelayMs));
          return stored.has(topic)
            ? [{ partition: 0, nextOffset: stored.get(topic) as string }]
            : [];
        },
        handleBatch: (batch) => handle(batch),
        deadLetter: (letter) => {
          letters.push(letter);
          return Promise.resolve();
        },
      },
      { groupId: 'test-aggregator', lingerMs: 5, retryDelayMs: 5 },
    );
  }

  function publishTrades(...ids: number[]): void {
    for (const id of ids)
      void bus.publish(TRADE_TOPIC.name, encodeEvent(TRADE_TOPIC, testTrade(id)));
  }

  async function settle(): Promise<void> {
    await bus.drain();
    await new Promise((resolve) => setTimeout(resolve, 40));
  }

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    bus = new InProcessBus();
    seen = [];
    letters = [];
    stored = new Map();
    handle = applyFenced;
    consumer = create();
  });

  afterEach(async () => {
    await consumer.stop();
    jest.restoreAllMocks();
  });

  it('numbers offsets from the stored offset and delivers what accumulated as one batch', async () => {
    stored.set(TRADE_TOPIC.name, '1200');
    await consumer.start();
    publishTrades(1, 2, 3);
    await settle();
    publishTrades(4);
    await settle();

    expect(seen).toEqual([
      { topic: TRADE_TOPIC.name, from: '1200', next: '1203', ids: [1, 2, 3] },
      { topic: TRADE_TOPIC.name, from: '1203', next: '1204', ids: [4] },
    ]);
    expect(stored.get(TRADE_TOPIC.name)).toBe('1204');
  });

  it('keeps messages published while the offsets load', async () => {
    consumer = create(30);
    const started = consumer.start();
    publishTrades(7);
    await bus.drain();
    await started;
    await settle();

    expect(seen).toEqual([{ topic: TRADE_TOPIC.name, from: '0', next: '1', ids: [7] }]);
  });

  it('dead-letters an invalid message and still moves the offset past it', async () => {
    await consumer.start();
    publishTrades(1);
    void bus.publish(TRADE_TOPIC.name, { key: 'BTCUSDT', value: '{"symbol":"BTCUSDT"}' });
    publishTrades(3);
    await settle();

    expect(seen).toEqual([{ topic: TRADE_TOPIC.name, from: '0', next: '3', ids: [1, 3] }]);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      topic: TRADE_TOPIC.name,
      partition: 0,
      offset: '1',
      consumer: 'test-aggregator',
      value: '{"symbol":"BTCUSDT"}',
    });
    expect(letters[0].reason).toContain('tradeId');
  });

  it('offers a failed batch again with the same offsets, losing and skipping nothing', async () => {
    let failures = 2;
    handle = (batch) => {
      if (failures-- > 0) return Promise.reject(new Error('connection reset'));
      return applyFenced(batch);
    };
    await consumer.start();
    publishTrades(1, 2);
    await settle();
    publishTrades(3);
    await settle();

    expect(seen.flatMap((s) => s.ids)).toEqual([1, 2, 3]);
    expect(seen[0]).toEqual({ topic: TRADE_TOPIC.name, from: '0', next: '2', ids: [1, 2] });
    expect(stored.get(TRADE_TOPIC.name)).toBe('3');
  });

  it('renumbers a stale batch from the stored offset instead of applying it twice', async () => {
    await consumer.start();
    stored.set(TRADE_TOPIC.name, '50'); // another consumer of the same group moved it on
    publishTrades(1, 2);
    await settle();

    expect(seen).toEqual([{ topic: TRADE_TOPIC.name, from: '50', next: '52', ids: [1, 2] }]);
  });

  it('keeps topics apart, each with its own offsets', async () => {
    stored.set(SWAP_TOPIC.name, '9');
    await consumer.start();
    void bus.publish(SWAP_TOPIC.name, { key: 'pool', value: '{}' });
    publishTrades(1);
    await settle();

    expect(seen).toEqual([
      { topic: TRADE_TOPIC.name, from: '0', next: '1', ids: [1] },
      { topic: SWAP_TOPIC.name, from: '9', next: '10', ids: [] },
    ]);
    expect(letters.map((l) => `${l.topic}@${l.offset}`)).toEqual([`${SWAP_TOPIC.name}@9`]);
  });

  it('applies what accumulated when stopped, and nothing published afterwards', async () => {
    await consumer.start();
    publishTrades(1, 2);
    await bus.drain();
    await consumer.stop();
    publishTrades(3);
    await settle();

    expect(seen).toEqual([{ topic: TRADE_TOPIC.name, from: '0', next: '2', ids: [1, 2] }]);
  });

  it('resumes numbering where a stopped consumer left off', async () => {
    await consumer.start();
    publishTrades(1, 2);
    await bus.drain();
    await consumer.stop();
    consumer = create();
    await consumer.start();
    publishTrades(3);
    await settle();

    expect(seen.map((s) => `${s.from}-${s.next}:${s.ids.join(',')}`)).toEqual(['0-2:1,2', '2-3:3']);
  });
});
