import {
  BOOK_UPDATE_TOPIC,
  CacheKeys,
  DEAD_LETTER_TOPIC,
  DEPTH_TOPIC,
  DepthDiffEvent,
  encodeEvent,
} from '@app/contracts';
import { parseEnv } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { REDIS_URL } from '../../../test/support/services';
import { uniqueRunId } from '../../../test/support/run-id';
import { type KafkaCluster, startKafkaCluster } from '../../../tools/kafka/kafka-cluster';
import { startDepthConsumer } from '../src/depth-consumer-start';
import { OrderbookAppModule } from '../src/orderbook-app.module';
import { OrderbookEnv } from '../src/orderbook.env';
import { BookUpdateReader } from './support/book-update-reader';
import { FakeSnapshotServer, Snapshot } from './support/fake-snapshot-server';
import { ReferenceBook, referenceChecksum } from './support/reference-book';

const runId = uniqueRunId('obit');
const tag = runId
  .replace(/[^0-9a-f]/g, '')
  .slice(-8)
  .toUpperCase();
const BTC = `B${tag}USDT`;
const ETH = `E${tag}USDT`;

function level(price: number, qty: string): [string, string] {
  return [`${price}.00`, qty];
}

const snapshots: Record<string, Snapshot> = {
  [BTC]: {
    lastUpdateId: 100,
    bids: Array.from({ length: 30 }, (_, i) => level(1000 - i, '1.000')),
    asks: Array.from({ length: 30 }, (_, i) => level(1001 + i, '2.000')),
  },
  [ETH]: {
    lastUpdateId: 500,
    bids: [level(200, '5.0'), level(199, '6.0'), level(100, '7.0')], // 100 is 50 % off the mid
    asks: [level(201, '5.5'), level(202, '6.5')],
  },
};

function diff(
  symbol: string,
  U: number,
  u: number,
  bids: [string, string][],
  asks: [string, string][],
): DepthDiffEvent {
  const now = Date.now();
  return {
    source: 'simulator',
    symbol,
    firstUpdateId: U,
    finalUpdateId: u,
    bids,
    asks,
    exchangeTime: now,
    receivedAt: now,
    producedAt: now,
  };
}

/**
 * The service in one process against the test broker, Redis and a fake exchange REST server:
 * diffs produced to md.depth.v1 come out as book.update.v1 views whose levels and checksum equal an
 * independent reference book, the same view is in Redis, and full depth is served over HTTP.
 */
describe('orderbook service: md.depth.v1 → book.update.v1 + Redis + HTTP', () => {
  let exchange: FakeSnapshotServer;
  let app: NestFastifyApplication;
  let producer: Producer;
  let broker: KafkaCluster;
  let brokers: string[];
  let reader: BookUpdateReader;
  let redis: Redis;
  let baseUrl: string;
  const prefix = `${runId}:`;

  beforeAll(async () => {
    // A broker of its own: md.depth.v1 on the shared one may hold other tests' symbols.
    broker = await startKafkaCluster({
      topics: {
        [DEPTH_TOPIC.name]: DEPTH_TOPIC.partitions,
        [BOOK_UPDATE_TOPIC.name]: BOOK_UPDATE_TOPIC.partitions,
        [DEAD_LETTER_TOPIC.name]: 1,
      },
    });
    brokers = broker.brokers;
    exchange = await FakeSnapshotServer.start();
    for (const [symbol, snapshot] of Object.entries(snapshots))
      exchange.setSnapshot(symbol, snapshot);
    exchange.refuseNext(ETH, 1); // its first snapshot request is refused with 429, Retry-After: 1
    const env = parseEnv(OrderbookEnv, {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_CLIENT_PREFIX: runId,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      REDIS_URL,
      CACHE_KEY_PREFIX: prefix,
      EXCHANGE_REST_URL: exchange.url,
      BOOK_DEPTH: '5',
      BOOK_SNAPSHOT_LIMIT: '100',
      BOOK_PUBLISH_INTERVAL_MS: '100',
      BOOK_ANOMALY_MAX_DEVIATION_PCT: JSON.stringify({ [ETH]: '10' }),
      LOG_LEVEL: 'warn',
    });
    // Not createHttpApp: its Swagger UI needs @fastify/static, which jest's module loader cannot load.
    app = await NestFactory.create<NestFastifyApplication>(
      OrderbookAppModule.forEnv(env),
      new FastifyAdapter(),
      { logger: ['error', 'warn'] },
    );
    await startDepthConsumer(app, env);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    baseUrl = baseUrl.replace('[::1]', '127.0.0.1');
    const kafka = new Kafka({ clientId: `${runId}-test`, brokers, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
    reader = await BookUpdateReader.start(brokers, `${runId}-reader`, [BTC, ETH]);
    redis = new Redis(REDIS_URL);
  }, 120_000);

  afterAll(async () => {
    await reader?.stop();
    await producer?.disconnect();
    await app?.close();
    await broker?.stop();
    await exchange?.close();
    redis?.disconnect();
  });

  const send = (events: DepthDiffEvent[]) =>
    producer.send({
      topic: DEPTH_TOPIC.name,
      messages: events.map((event) => encodeEvent(DEPTH_TOPIC, event)),
    });

  it('publishes the top levels and checksum of the synced book, conflated, and stores it in Redis', async () => {
    const reference = ReferenceBook.from(snapshots[BTC]);
    const events = [
      diff(BTC, 95, 100, [level(1000, '9.000')], []), // already in the snapshot: ignored
      diff(BTC, 101, 103, [level(1000, '0.500')], [level(1001, '0')]),
      diff(BTC, 104, 104, [['1000.50', '3.000']], []),
    ];
    for (const event of events.slice(1))
      reference.apply(event.finalUpdateId, event.bids, event.asks);
    await send(events);
    // Then a burst of 50 diffs within a few milliseconds: conflated to a handful of views.
    const burst = Array.from({ length: 50 }, (_, i) =>
      diff(BTC, 105 + i, 105 + i, [level(990 - i, `${i + 1}.000`)], [level(1002, `${i + 1}.000`)]),
    );
    for (const event of burst) reference.apply(event.finalUpdateId, event.bids, event.asks);
    await send(burst);

    const last = await reader.waitFor(
      (event) => event.symbol === BTC && event.lastUpdateId === 154,
      45_000,
    );
    const top = reference.top(5);
    expect(top.bids[0]).toEqual(['1000.50', '3.000']);
    expect(top.asks[0]).toEqual(['1002.00', '50.000']);
    expect(last).toMatchObject({
      symbol: BTC,
      lastUpdateId: 154,
      depth: 5,
      bids: top.bids,
      asks: top.asks,
    });
    expect(last.checksum).toBe(referenceChecksum(top));
    const views = reader.events.filter((event) => event.symbol === BTC);
    expect(views.length).toBeLessThan(20); // 53 applied diffs, far fewer views
    for (let i = 1; i < views.length; i++) {
      expect(views[i].lastUpdateId).toBeGreaterThan(views[i - 1].lastUpdateId);
    }

    const stored = JSON.parse((await redis.get(prefix + CacheKeys.book(BTC)))!) as Record<
      string,
      unknown
    >;
    expect(stored).toEqual({ ...last });
    const ticker = JSON.parse((await redis.get(prefix + CacheKeys.bookTicker(BTC)))!) as Record<
      string,
      unknown
    >;
    expect(ticker).toMatchObject({
      symbol: BTC,
      updateId: 154,
      bidPrice: '1000.50',
      bidQty: '3.000',
      askPrice: '1002.00',
      askQty: '50.000',
    });
  }, 60_000);

  it('honours a 429 Retry-After, then syncs; the published view leaves out far levels', async () => {
    await send([diff(ETH, 501, 501, [level(200, '4.0')], [])]);
    const view = await reader.waitFor((event) => event.symbol === ETH, 30_000);
    expect(view.bids).toEqual([level(200, '4.0'), level(199, '6.0')]); // 100.00 is filtered out
    expect(view.asks).toEqual([level(201, '5.5'), level(202, '6.5')]);
    expect(view.checksum).toBe(referenceChecksum({ bids: view.bids, asks: view.asks }));
    const requests = exchange.requests.filter((request) => request.symbol === ETH);
    expect(requests.map((request) => [request.status, request.limit])).toEqual([
      [429, 100],
      [200, 100],
    ]);
    expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(1000);

    // Full depth over HTTP is the true book: the filtered level is there.
    const full = await fetch(`${baseUrl}/v1/books/${ETH}?depth=10`);
    expect(full.status).toBe(200);
    expect(await full.json()).toEqual({
      symbol: ETH,
      lastUpdateId: 501,
      bids: [level(200, '4.0'), level(199, '6.0'), level(100, '7.0')],
      asks: [level(201, '5.5'), level(202, '6.5')],
    });
  }, 60_000);

  it('answers bad requests with 400 naming the parameter and unknown symbols with 404', async () => {
    const bad = async (path: string) => {
      const response = await fetch(`${baseUrl}${path}`);
      return [response.status, ((await response.json()) as { message: string }).message];
    };
    expect(await bad(`/v1/books/${BTC}?depth=0`)).toEqual([
      400,
      'depth must be an integer from 1 to 5000',
    ]);
    expect(await bad(`/v1/books/${BTC}?depth=abc`)).toEqual([
      400,
      'depth must be an integer from 1 to 5000',
    ]);
    expect(await bad('/v1/books/btc-usdt')).toEqual([
      400,
      'symbol must be 2-20 upper-case letters or digits, e.g. BTCUSDT',
    ]);
    expect(await bad('/v1/books/NOSUCHUSDT')).toEqual([404, 'no order book for NOSUCHUSDT here']);
  });

  it('exposes its book metrics', async () => {
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^orderbook_books_in_sync 2$/m);
    expect(metrics).toMatch(/^orderbook_resyncs_total\{cause="fetch-failed"\} 1$/m);
    expect(metrics).toMatch(/^orderbook_snapshot_weight_used_total 15$/m); // 3 requests of weight 5
    expect(metrics).toMatch(/^orderbook_update_lag_seconds_count \d+$/m);
  });
});
