import {
  BOOK_TICKER_TOPIC,
  BookTickerEvent,
  TopicContract,
  TRADE_TOPIC,
  TradeEvent,
} from '@app/contracts';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { RECORDINGS } from '../../../test/support/recordings';
import { uniqueRunId } from '../../../test/support/run-id';
import { startProducer, startTopicReader, TopicReader } from './support/replay-harness';

const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',');
const runId = uniqueRunId('prodtrades');
const DAY = join(RECORDINGS, 'binance-spot', '2024-08-09');
const TOPICS = [TRADE_TOPIC, BOOK_TICKER_TOPIC] as TopicContract<object>[];
const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

/**
 * A day recorded with Binance's raw `@trade` stream and no depth snapshot, replayed by the producer
 * app into Kafka: every trade arrives in md.trade.v1 with the exchange's trade id, though no book
 * of that day can be synced.
 */
describe('producer: replay of the raw @trade day 2024-08-09 → Kafka', () => {
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
      REPLAY_SPEED: '20',
      DEX_SOURCE: 'off',
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await reader?.stop();
  });

  const trades = (symbol: string) => reader.replayed<TradeEvent>(TRADE_TOPIC.name, symbol);
  const bookTickers = (symbol: string) =>
    reader.replayed<BookTickerEvent>(BOOK_TICKER_TOPIC.name, symbol);

  it('holds every recorded trade of both symbols once, in order, with its trade id t, and every bookTicker', async () => {
    const deadline = Date.now() + 45_000;
    const complete = () =>
      trades('BTCUSDT').length >= 1093 &&
      trades('ETHUSDT').length >= 757 &&
      bookTickers('BTCUSDT').length >= 5081 &&
      bookTickers('ETHUSDT').length >= 3388;
    while (!complete() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a duplicate would show by now

    expect(reader.invalidOf(['BTCUSDT', 'ETHUSDT'])).toEqual([]);
    expect(trades('BTCUSDT').map((t) => t.tradeId)).toEqual(range(3735693016, 1093));
    expect(trades('ETHUSDT').map((t) => t.tradeId)).toEqual(range(1520545031, 757));
    expect(trades('BTCUSDT').every((t) => !t.aggregate)).toBe(true);
    expect(trades('ETHUSDT')[0]).toMatchObject({
      price: '2682.51000000',
      qty: '0.00460000',
      buyerIsMaker: false,
      tradeTime: 1723161601550,
      exchangeTime: 1723161601551,
    });
    expect(trades('BTCUSDT').at(-1)).toMatchObject({ price: '61694.34000000', qty: '0.00081000' });
    expect([bookTickers('BTCUSDT').length, bookTickers('ETHUSDT').length]).toEqual([5081, 3388]);
  }, 60_000);
});
