import { BOOK_UPDATE_TOPIC, DEAD_LETTER_TOPIC, DEPTH_TOPIC } from '@app/contracts';
import { MarketSimulator, SimulatorServer } from '@app/exchange';
import { parseEnv } from '@app/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { sleep } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { type KafkaCluster, startKafkaCluster } from '../../../tools/kafka/kafka-cluster';
import { REDIS_URL } from '../../../test/support/services';
import { startDepthConsumer } from '../src/depth-consumer-start';
import { OrderbookAppModule } from '../src/orderbook-app.module';
import { OrderbookEnv } from '../src/orderbook.env';
import { sideAgainstTruth } from '../../../test/support/synced-book';
import { RecordingProxy } from './support/recording-proxy';
import { SimulatorBridge } from './support/simulator-bridge';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
type Book = { lastUpdateId: number; bids: string[][]; asks: string[][] };

/**
 * Ground truth: the simulator with dropped, duplicated diffs and dropped connections; its diffs go
 * through Kafka to the service, which must notice every hole, resync, and end up holding exactly
 * the simulator's true book over the levels its last snapshot covered (5,000 of a deeper book).
 */
describe('orderbook service against the simulator with faults', () => {
  let simulator: SimulatorServer;
  let proxy: RecordingProxy;
  let app: NestFastifyApplication;
  let producer: Producer;
  let broker: KafkaCluster;
  let brokers: string[];
  let bridge: SimulatorBridge;
  let baseUrl: string;

  const post = (path: string, body: object) =>
    fetch(`${simulator.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  const getJson = async <T>(url: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(url);
    return { status: response.status, body: (await response.json()) as T };
  };
  const metric = async (pattern: RegExp) => {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    return [...text.matchAll(new RegExp(pattern.source, 'gm'))].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  };
  async function allLive(): Promise<boolean> {
    for (const symbol of SYMBOLS) {
      if ((await fetch(`${baseUrl}/v1/books/${symbol}?depth=1`)).status !== 200) return false;
    }
    return true;
  }
  async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
      await sleep(200);
    }
  }

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
    simulator = new SimulatorServer({
      simulator: new MarketSimulator(
        [
          { symbol: 'BTCUSDT', startTicks: 6_500_000, priceDecimals: 2, qtyDecimals: 5 },
          { symbol: 'ETHUSDT', startTicks: 340_000, priceDecimals: 2, qtyDecimals: 4 },
        ],
        7,
      ),
      eventsPerSecond: 50,
    });
    await simulator.listen();
    proxy = await RecordingProxy.start(simulator.url);
    const runId = uniqueRunId('obsim');
    const env = parseEnv(OrderbookEnv, {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_CLIENT_PREFIX: runId,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      REDIS_URL,
      CACHE_KEY_PREFIX: `${runId}:`,
      EXCHANGE_REST_URL: proxy.url, // BOOK_SNAPSHOT_LIMIT at its default
      SNAPSHOT_WEIGHT_PER_MINUTE: '6000',
    });
    app = await NestFactory.create<NestFastifyApplication>(
      OrderbookAppModule.forEnv(env),
      new FastifyAdapter(),
      { logger: ['error'] },
    );
    await startDepthConsumer(app, env);
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const kafka = new Kafka({ clientId: `${runId}-bridge`, brokers, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
    bridge = new SimulatorBridge(simulator.wsUrl, SYMBOLS, producer);
    bridge.connect();
  }, 120_000);

  afterAll(async () => {
    await bridge?.stop();
    await producer?.disconnect();
    await app?.close();
    await broker?.stop();
    await proxy?.close();
    await simulator?.close();
  });

  /** The true book (all levels) once the service has applied every diff up to it. */
  async function pausedTruthAndHeld(symbol: string): Promise<{ truth: Book; held: Book }> {
    const truth = (await getJson<Book>(`${simulator.url}/debug/book?symbol=${symbol}`)).body;
    await bridge.flushed();
    let held: Book | undefined;
    await waitUntil(
      async () => {
        const answer = await getJson<Book>(`${baseUrl}/v1/books/${symbol}?depth=5000`);
        held = answer.body;
        return answer.status === 200 && held.lastUpdateId === truth.lastUpdateId;
      },
      30_000,
      `${symbol} at the true lastUpdateId ${truth.lastUpdateId}`,
    );
    return { truth, held: held! };
  }

  function expectTrueOverSnapshot(held: Book, truth: Book, snapshot: Book): void {
    for (const side of ['bids', 'asks'] as const) {
      const compared = sideAgainstTruth(side, held, truth, snapshot, 5000);
      expect(compared.held).toEqual(compared.truth);
      expect(compared.held.length).toBeGreaterThan(4900);
      expect(compared.heldBeyond).toEqual(compared.truthAtHeldBeyond);
    }
  }

  // Deep books (issue 14, point 5): snapshots read off the wire, between service and simulator.
  it('syncs each book from one limit=5000 snapshot of a deeper book and holds it level by level', async () => {
    await waitUntil(allLive, 45_000, 'both books live');
    await sleep(3000); // diffs on top of the snapshots, near the touch and deep
    await post('/debug/pause', {});
    for (const symbol of SYMBOLS) {
      const { truth, held } = await pausedTruthAndHeld(symbol);
      const asked = proxy.exchanges.filter(({ url }) => url.includes(`symbol=${symbol}&`));
      expect(asked.map(({ url, status }) => [url, status])).toEqual([
        [`/api/v3/depth?symbol=${symbol}&limit=5000`, 200],
      ]);
      const snapshot = JSON.parse(asked[0].body) as Book;
      expect([snapshot.bids.length, snapshot.asks.length]).toEqual([5000, 5000]);
      expect(Math.min(truth.bids.length, truth.asks.length)).toBeGreaterThanOrEqual(5500);
      expect(truth.lastUpdateId - snapshot.lastUpdateId).toBeGreaterThan(50);
      expectTrueOverSnapshot(held, truth, snapshot);
      const touch = (
        await getJson<Record<string, string>>(
          `${simulator.url}/api/v3/ticker/bookTicker?symbol=${symbol}`,
        )
      ).body;
      expect([held.bids[0], held.asks[0]]).toEqual([
        [touch.bidPrice, touch.bidQty],
        [touch.askPrice, touch.askQty],
      ]);
    }
    await post('/debug/resume', {});
  }, 120_000);

  it('detects every hole, resyncs, and ends equal to the true book', async () => {
    await waitUntil(allLive, 45_000, 'both books live');

    // Faults: lone drops, every 9th diff duplicated, a burst of drops, and two disconnects.
    await post('/debug/faults', { duplicateDiffEvery: 9, dropDiffs: 1, symbol: 'BTCUSDT' });
    await sleep(1500);
    await post('/debug/faults', { dropDiffs: 3, symbol: 'ETHUSDT' });
    await sleep(1500);
    await post('/debug/faults', { disconnect: 'all' });
    await sleep(1500);
    await post('/debug/faults', { dropDiffEvery: 15, symbol: 'BTCUSDT' });
    await sleep(3000);
    await post('/debug/faults', { disconnect: 'all', dropDiffEvery: 0 });
    await sleep(1000);
    await post('/debug/faults', { duplicateDiffEvery: 0 });

    await waitUntil(allLive, 45_000, 'both books live again');
    await post('/debug/pause', {});
    const injected = (await getJson<Record<string, number>>(`${simulator.url}/debug/faults`)).body;
    expect(injected.droppedDiffs).toBeGreaterThan(0);
    expect(injected.duplicatedDiffs).toBeGreaterThan(0);
    expect(bridge.connections).toBeGreaterThanOrEqual(3);
    const holesSeen = [...bridge.holes.values()].reduce((a, b) => a + b, 0);
    expect(holesSeen).toBeGreaterThan(0);

    for (const symbol of SYMBOLS) {
      const { truth, held } = await pausedTruthAndHeld(symbol);
      const snapshots = proxy.exchanges.filter(
        ({ url, status }) => url === `/api/v3/depth?symbol=${symbol}&limit=5000` && status === 200,
      );
      const snapshot = JSON.parse(snapshots[snapshots.length - 1].body) as Book;
      expect([snapshot.bids.length, snapshot.asks.length]).toEqual([5000, 5000]);
      expectTrueOverSnapshot(held, truth, snapshot);
    }

    // Every hole the stream had while a book was live was a detected gap (holes in diffs that a
    // pending snapshot covered need no resync); a resync per disconnect at least.
    const gaps = await metric(/^orderbook_gaps_total (\d+)$/);
    const resyncs = await metric(
      /^orderbook_resyncs_total\{cause="(?:gap|snapshot-too-old|buffer-overflow)"\} (\d+)$/,
    );
    expect(gaps).toBeGreaterThan(0);
    expect(gaps).toBeLessThanOrEqual(holesSeen);
    expect(resyncs).toBeGreaterThanOrEqual(gaps);
    process.stdout.write(
      `simulator faults: ${injected.droppedDiffs} dropped, ${injected.duplicatedDiffs} duplicated, ` +
        `${bridge.connections} connections; stream holes ${holesSeen}, gaps detected ${gaps}, resyncs ${resyncs}\n`,
    );
  }, 120_000);
});
