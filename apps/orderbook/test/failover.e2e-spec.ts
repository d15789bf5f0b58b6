import { BOOK_UPDATE_TOPIC, DEAD_LETTER_TOPIC, DEPTH_TOPIC } from '@app/contracts';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { REDIS_URL } from '../../../test/support/services';
import { type KafkaCluster, startKafkaCluster } from '../../../tools/kafka/kafka-cluster';
import { BookUpdateReader } from './support/book-update-reader';
import { DepthFeeder } from './support/depth-feeder';
import { FakeSnapshotServer } from './support/fake-snapshot-server';

const SESSION_TIMEOUT_MS = 6000;
const SYMBOLS = [
  'BTCUSDT',
  'ETHUSDT',
  'BNBUSDT',
  'XRPUSDT',
  'SOLUSDT',
  'ADAUSDT',
  'DOGEUSDT',
  'TRXUSDT',
  'DOTUSDT',
  'LTCUSDT',
];

/**
 * Two built orderbook replicas share the depth topic's partitions; one is SIGKILLed and the
 * survivor takes over its symbols and publishes books that match the exchange's again. Every
 * published view is checked against the reference book at its update id, before and after.
 */
describe('orderbook failover between two replicas', () => {
  let broker: KafkaCluster;
  let exchange: FakeSnapshotServer;
  let producer: Producer;
  let feeder: DepthFeeder;
  let reader: BookUpdateReader;
  const replicas: { app: AppProcess; url: string; killed?: boolean }[] = [];

  beforeAll(async () => {
    broker = await startKafkaCluster({
      topics: {
        [DEPTH_TOPIC.name]: DEPTH_TOPIC.partitions,
        [BOOK_UPDATE_TOPIC.name]: BOOK_UPDATE_TOPIC.partitions,
        [DEAD_LETTER_TOPIC.name]: 1,
      },
    });
    exchange = await FakeSnapshotServer.start();
    const runId = uniqueRunId('obfail');
    const kafka = new Kafka({
      clientId: `${runId}-feeder`,
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
    feeder = new DepthFeeder(producer, exchange, SYMBOLS, 20);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const app = AppProcess.start('orderbook', {
        PORT: String(port),
        KAFKA_BROKERS: broker.bootstrap,
        KAFKA_CLIENT_PREFIX: runId,
        KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
        REDIS_URL,
        CACHE_KEY_PREFIX: `${runId}:`,
        EXCHANGE_REST_URL: exchange.url,
        BOOK_SNAPSHOT_LIMIT: '100',
        LOG_LEVEL: 'info',
      });
      replicas.push({ app, url: `http://127.0.0.1:${port}` });
    }
    await Promise.all(replicas.map(({ url }) => waitForStatus(`${url}/health/ready`, 200)));
    reader = await BookUpdateReader.start(broker.brokers, `${runId}-reader`, SYMBOLS);
    feeder.start(100);
  }, 150_000);

  afterAll(async () => {
    await feeder?.stop();
    await reader?.stop();
    await producer?.disconnect();
    await AppProcess.stopAll();
    await exchange?.close();
    await broker?.stop();
  });

  /** Which replica serves each symbol's live book over HTTP right now. */
  async function owners(): Promise<Map<string, number[]>> {
    const found = new Map<string, number[]>();
    for (const symbol of SYMBOLS) {
      const serving: number[] = [];
      for (const [index, { url, killed }] of replicas.entries()) {
        if (killed) continue;
        const response = await fetch(`${url}/v1/books/${symbol}?depth=1`).catch(() => undefined);
        if (response?.status === 200) serving.push(index);
      }
      found.set(symbol, serving);
    }
    return found;
  }

  async function waitUntil(
    condition: () => Promise<boolean>,
    timeoutMs: number,
    what: string,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) {
        const serving = JSON.stringify([...(await owners())]);
        const logs = replicas.map(({ app }) => app.logs.slice(-3000)).join('\n----\n');
        throw new Error(`${what} not reached within ${timeoutMs} ms; serving ${serving}\n${logs}`);
      }
      await sleep(200);
    }
  }

  /** A view is consistent when its checksum equals the reference's at its update id. */
  function inconsistentViews(since = 0): string[] {
    return reader.events
      .filter((event) => event.producedAt >= since)
      .filter((event) => feeder.checksumAt(event.symbol, event.lastUpdateId) !== event.checksum)
      .map((event) => `${event.symbol}@${event.lastUpdateId}`);
  }

  it('splits the symbols between the replicas, then the survivor takes over a SIGKILLed replica’s books', async () => {
    // Both replicas in the group: each symbol served live by exactly one of them, and both used.
    await waitUntil(
      async () => {
        const serving = [...(await owners()).values()];
        return serving.every((list) => list.length === 1) && new Set(serving.flat()).size === 2;
      },
      60_000,
      'an even split of live books',
    );
    const before = await owners();
    const victimSymbols = SYMBOLS.filter((symbol) => before.get(symbol)![0] === 0);
    expect(victimSymbols.length).toBeGreaterThan(0);

    replicas[0].killed = true;
    await replicas[0].app.stop('SIGKILL');
    const killedAt = Date.now();
    // The survivor takes over every symbol and publishes fresh views of the victim's symbols.
    await waitUntil(
      async () => {
        const serving = await owners();
        const fresh = victimSymbols.every((symbol) =>
          reader.events.some((event) => event.symbol === symbol && event.producedAt > killedAt),
        );
        return fresh && SYMBOLS.every((symbol) => serving.get(symbol)!.includes(1));
      },
      45_000,
      'the survivor serving every symbol',
    );
    const tookOverMs = Date.now() - killedAt;
    // When the group handed the survivor the victim's partitions (its log line's pino time).
    const assignedAt = [
      ...replicas[1].app.logs.matchAll(/"time":(\d+)[^\n]*depth partitions assigned/g),
    ]
      .map((match) => Number(match[1]))
      .filter((time) => time > killedAt);
    process.stdout.write(
      `failover: partitions reassigned ${assignedAt.length > 0 ? assignedAt[0] - killedAt : '?'} ms ` +
        `and all ${victimSymbols.length} taken-over books published ${tookOverMs} ms after SIGKILL ` +
        `(session timeout ${SESSION_TIMEOUT_MS} ms)\n`,
    );

    await sleep(1000);
    expect(inconsistentViews()).toEqual([]);
    const afterKill = reader.events.filter((event) => event.producedAt > killedAt);
    expect(new Set(afterKill.map((event) => event.symbol))).toEqual(new Set(SYMBOLS));
  }, 150_000);
});
