import {
  BOOK_TICKER_TOPIC,
  BookTickerEvent,
  decodeEvent,
  DEPTH_TOPIC,
  DepthDiffEvent,
  SWAP_TOPIC,
  SwapEvent,
  TopicContract,
  TRADE_TOPIC,
  TradeEvent,
} from '@app/contracts';
import { parseEnv } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueRunId } from '../../../test/support/run-id';
import { ProducerAppModule } from '../src/producer-app.module';
import { ProducerEnv } from '../src/producer.env';

const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',');
const runId = uniqueRunId('prodreplay');
const DAY = join(__dirname, '../../../../shared/data/binance-spot/2021-04-05');
const SWAPS = join(__dirname, '../../../../shared/data/uniswap-v3');
const TOPICS = [DEPTH_TOPIC, BOOK_TICKER_TOPIC, TRADE_TOPIC, SWAP_TOPIC] as TopicContract<object>[];

/** Ground truth: the recorded files themselves, per symbol, in recorded order. */
function recorded(symbol: string, file: string): Record<string, number>[] {
  const path = join(DAY, symbol, file);
  if (!existsSync(path)) return []; // not every symbol was recorded with every stream
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, number>);
}

/**
 * Compared as lists in order: every recorded event exactly once, and per symbol in the order it
 * was recorded (the producer sends one batch at a time, idempotently, so retries cannot reorder).
 */
const inOrder = <T>(lists: T[][]) => lists.map((list) => list.map(String));

const SYMBOLS = readdirSync(DAY, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The producer in replay mode over a recorded day (and the recorded Uniswap logs) against the test
 * broker: Kafka ends up holding every recorded event exactly once, in order per symbol.
 */
describe('producer: replay of 2021-04-05 and the Uniswap v3 logs → Kafka', () => {
  let app: NestFastifyApplication;
  let consumer: Consumer;
  const startedAt = Date.now();
  const received = new Map<string, object[]>(TOPICS.map((t) => [t.name, []]));
  const invalid: string[] = [];

  beforeAll(async () => {
    const kafka = new Kafka({ clientId: `${runId}-reader`, brokers, logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `${runId}-reader`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: TOPICS.map((t) => t.name), fromBeginning: true });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await consumer.run({
      eachMessage: ({ topic, message }) => {
        const contract = TOPICS.find((t) => t.name === topic) as TopicContract<object>;
        const decoded = decodeEvent(contract, message.value);
        if (!decoded.ok) invalid.push(`${topic}: ${decoded.reason}`);
        else if ((decoded.value as { producedAt: number }).producedAt >= startedAt) {
          received.get(topic)?.push(decoded.value);
        }
        return Promise.resolve();
      },
    });
    while (!joined) await new Promise((resolve) => setTimeout(resolve, 50));
    const env = parseEnv(ProducerEnv, {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_CLIENT_PREFIX: runId,
      MARKET_SOURCE: 'replay',
      REPLAY_DIR: DAY,
      REPLAY_SPEED: '40',
      DEX_SOURCE: 'replay',
      DEX_REPLAY_DIR: SWAPS,
      LOG_LEVEL: 'warn',
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

  const replayedSwapIds = () =>
    new Set(
      (received.get(SWAP_TOPIC.name) as SwapEvent[])
        .filter((s) => s.source === 'replay')
        .map((s) => `${s.txHash}:${s.logIndex}`),
    );

  const ofSymbol = <T extends { symbol: string; source: string }>(topic: string, symbol: string) =>
    (received.get(topic) as T[]).filter((e) => e.symbol === symbol && e.source === 'replay');

  it('holds every recorded depth diff, bookTicker and aggTrade exactly once per symbol, and every swap', async () => {
    const expectedDepth = SYMBOLS.map((s) =>
      recorded(s, 'depth.jsonl').map((d) => `${d.U}-${d.u}`),
    );
    const deadline = Date.now() + 60_000;
    const depthSeen = () =>
      SYMBOLS.map((s) =>
        ofSymbol<DepthDiffEvent>(DEPTH_TOPIC.name, s).map(
          (d) => `${d.firstUpdateId}-${d.finalUpdateId}`,
        ),
      );
    while (
      (JSON.stringify(inOrder(depthSeen())) !== JSON.stringify(inOrder(expectedDepth)) ||
        replayedSwapIds().size < 6_087) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the last bookTickers and trades

    expect(invalid).toEqual([]);
    expect(inOrder(depthSeen())).toEqual(inOrder(expectedDepth));
    for (const symbol of SYMBOLS) {
      const tickers = ofSymbol<BookTickerEvent>(BOOK_TICKER_TOPIC.name, symbol).map(
        (t) => t.updateId,
      );
      expect([symbol, inOrder([tickers])]).toEqual([
        symbol,
        inOrder([recorded(symbol, 'bookTicker.jsonl').map((t) => t.u)]),
      ]);
      const trades = ofSymbol<TradeEvent>(TRADE_TOPIC.name, symbol).map((t) => t.tradeId);
      expect([symbol, inOrder([trades])]).toEqual([
        symbol,
        inOrder([recorded(symbol, 'aggTrade.jsonl').map((t) => t.a)]),
      ]);
    }
    // Every recorded swap (other tests may publish replayed swaps to the shared broker too).
    expect(replayedSwapIds().size).toBe(6_087);
  }, 90_000);
});
