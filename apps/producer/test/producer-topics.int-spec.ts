import {
  BOOK_TICKER_TOPIC,
  decodeEvent,
  DEPTH_TOPIC,
  DepthDiffEvent,
  SWAP_TOPIC,
  SwapEvent,
  TICKER_TOPIC,
  TopicContract,
  TRADE_TOPIC,
  TradeEvent,
} from '@app/contracts';
import { parseEnv } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { uniqueRunId } from '../../../test/support/run-id';
import { ProducerAppModule } from '../src/producer-app.module';
import { ProducerEnv } from '../src/producer.env';

const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',');
const runId = uniqueRunId('prod');
const tag = runId
  .replace(/[^0-9a-f]/g, '')
  .slice(-8)
  .toUpperCase();
const SYMBOLS = [`P${tag}USDT`, `Q${tag}USDT`];
const TOPICS: TopicContract<object>[] = [
  DEPTH_TOPIC,
  BOOK_TICKER_TOPIC,
  TRADE_TOPIC,
  TICKER_TOPIC,
  SWAP_TOPIC,
] as TopicContract<object>[];

/**
 * The producer in one process (built-in simulator and simulated chain) against the Apache
 * Kafka broker: every topic receives events that pass the contract on the consuming side.
 */
describe('producer: simulator and simulated chain → every topic', () => {
  let app: NestFastifyApplication;
  let consumer: Consumer;
  const startedAt = Date.now();
  const received = new Map<string, object[]>(TOPICS.map((t) => [t.name, []]));
  const invalid: string[] = [];

  beforeAll(async () => {
    const env = parseEnv(ProducerEnv, {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_CLIENT_PREFIX: runId,
      SYMBOLS: SYMBOLS.join(','),
      SIM_EVENTS_PER_SECOND: '50',
      DEX_SIM_EVENTS_PER_SECOND: '100',
      DEX_SIM_BLOCK_TIME_MS: '500',
      LOG_LEVEL: 'warn',
    });
    const kafka = new Kafka({ clientId: `${runId}-reader`, brokers, logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `${runId}-reader`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: TOPICS.map((t) => t.name), fromBeginning: true });
    await consumer.run({
      eachMessage: ({ topic, message }) => {
        const contract = TOPICS.find((t) => t.name === topic) as TopicContract<object>;
        const decoded = decodeEvent(contract, message.value);
        // The broker is shared with other test files (some publish invalid messages on purpose):
        // only messages keyed by this run's symbols or by a pool can be the producer's.
        const key = message.key?.toString() ?? '';
        const mine = SYMBOLS.includes(key) || key.startsWith('0x');
        if (!decoded.ok) {
          if (mine) invalid.push(`${topic}: ${decoded.reason}`);
        } else if ((decoded.value as { producedAt: number }).producedAt >= startedAt) {
          received.get(topic)?.push(decoded.value);
        }
        return Promise.resolve();
      },
    });
    app = await NestFactory.create<NestFastifyApplication>(
      ProducerAppModule.forEnv(env),
      new FastifyAdapter(),
      { logger: ['error', 'warn'] },
    );
    await app.listen(0, '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await consumer?.disconnect();
  });

  const ours = (topic: string) =>
    (received.get(topic) ?? []).filter(
      (e) =>
        ('pool' in e && (e as SwapEvent).source === 'simulator') ||
        SYMBOLS.includes((e as { symbol: string }).symbol),
    );

  it('publishes valid depth, bookTicker, trade, ticker and swap events, exactly once per id', async () => {
    const deadline = Date.now() + 45_000;
    while (TOPICS.some((t) => ours(t.name).length < 5) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    expect(invalid).toEqual([]);
    expect(TOPICS.map((t) => [t.name, ours(t.name).length >= 5])).toEqual(
      TOPICS.map((t) => [t.name, true]),
    );
    for (const symbol of SYMBOLS) {
      const depth = ours(DEPTH_TOPIC.name) as DepthDiffEvent[];
      // Every diff exactly once between the first and last consumed: sorted by id, each starts where
      // the previous ended. (Sorted, because the shared Kafka client may reorder across batches.)
      const diffs = depth
        .filter((d) => d.symbol === symbol)
        .sort((a, b) => a.firstUpdateId - b.firstUpdateId);
      expect(
        diffs.filter((d, i) => i > 0 && d.firstUpdateId !== diffs[i - 1].finalUpdateId + 1),
      ).toEqual([]);
      const trades = (ours(TRADE_TOPIC.name) as TradeEvent[]).filter((t) => t.symbol === symbol);
      expect(new Set(trades.map((t) => t.tradeId)).size).toBe(trades.length);
      expect(trades.every((t) => t.source === 'simulator' && !t.aggregate)).toBe(true);
    }
    const swaps = ours(SWAP_TOPIC.name) as SwapEvent[];
    expect(swaps.some((s) => s.status === 'pending')).toBe(true);
    expect(swaps.every((s) => s.chainId === 1)).toBe(true);
  }, 60_000);
});
