import {
  BOOK_TICKER_TOPIC,
  BookTickerEvent,
  DEPTH_TOPIC,
  DepthDiffEvent,
  SWAP_TOPIC,
  SwapEvent,
  TopicContract,
  TRADE_TOPIC,
  TradeEvent,
} from '@app/contracts';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRecordedLines, RECORDINGS } from '../../../test/support/recordings';
import { uniqueRunId } from '../../../test/support/run-id';
import { startProducer, startTopicReader, TopicReader } from './support/replay-harness';

const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',');
const runId = uniqueRunId('prodreplay');
const DAY = join(RECORDINGS, 'binance-spot', '2021-04-05');
const SWAPS = join(RECORDINGS, 'uniswap-v3');
const TOPICS = [DEPTH_TOPIC, BOOK_TICKER_TOPIC, TRADE_TOPIC, SWAP_TOPIC] as TopicContract<object>[];

/** Ground truth: the recorded files themselves, per symbol, in recorded order. */
function recorded(symbol: string, file: string): Record<string, number>[] {
  // [] when a symbol was not recorded with that stream
  return readRecordedLines<Record<string, number>>(join(DAY, symbol), file);
}

/**
 * Compared as lists in order: every recorded event exactly once, and per symbol in the order it
 * was recorded (the producer sends one batch at a time, idempotently, so retries cannot reorder).
 */
const inOrder = <T>(lists: T[][]) => lists.map((list) => list.map(String));

const SYMBOLS = readdirSync(DAY, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** The pool addresses of the recorded swap files, `<pool>-<day>.swaps.jsonl.gz`. */
const POOLS = readdirSync(SWAPS)
  .filter((file) => file.endsWith('.swaps.jsonl.gz'))
  .map((file) => file.split('-')[0]);

/**
 * The producer in replay mode over a recorded day (and the recorded Uniswap logs) against the test
 * broker: Kafka ends up holding every recorded event exactly once, in order per symbol.
 */
describe('producer: replay of 2021-04-05 and the Uniswap v3 logs → Kafka', () => {
  let app: NestFastifyApplication;
  let reader: TopicReader;
  const startedAt = Date.now();

  beforeAll(async () => {
    reader = await startTopicReader(brokers, `${runId}-reader`, TOPICS, startedAt);
    app = await startProducer({
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_CLIENT_PREFIX: runId,
      MARKET_SOURCE: 'replay',
      REPLAY_DIR: DAY,
      REPLAY_SPEED: '40',
      DEX_SOURCE: 'replay',
      DEX_REPLAY_DIR: SWAPS,
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await reader?.stop();
  });

  const replayedSwapIds = () =>
    new Set(
      (reader.received.get(SWAP_TOPIC.name) as SwapEvent[])
        .filter((s) => s.source === 'replay')
        .map((s) => `${s.txHash}:${s.logIndex}`),
    );

  const ofSymbol = <T extends { symbol: string }>(topic: string, symbol: string) =>
    reader.replayed<T>(topic, symbol);

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

    expect(reader.invalidOf([...SYMBOLS, ...POOLS])).toEqual([]);
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
