import { ALL_TOPICS, SWAP_TOPIC, TRADE_TOPIC } from '@app/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { AppProcess, sleep, waitForStatus } from '../../../test/support/app-process';
import { DATABASE_URL } from '../../../test/support/services';
import { type KafkaCluster, startKafkaCluster } from '../../../tools/kafka/kafka-cluster';
import {
  expectedStats,
  recordedSwaps,
  recordedTrades,
  ReplayPipeline,
  TRADE_DAY_SYMBOLS,
} from './support/replay-pipeline';
import { whereTradesWentMissing } from './support/missing-trades';
import { differences } from './support/stored-stats';
import { until } from '../../../test/support/until';

const RECEIVED = 'producer_events_received_total';
const PUBLISHED = 'producer_events_published_total';
const DROPPED = 'producer_events_dropped_total';
const TOPICS = Object.fromEntries(ALL_TOPICS.map((topic) => [topic.name, topic.partitions]));

/**
 * Faults of a three-node Apache Kafka cluster (replication 3, min.insync.replicas 2) under the
 * whole pipeline: the built producer replays a recorded day of raw trades (1,850, ids contiguous)
 * as recorded and 6,087 recorded Uniswap swaps (one pool built in, one from DEX_POOLS) over the
 * same 30 s, the built aggregator counts them into Postgres and the built gateway serves them;
 * beside them the built simulator app, a second producer streaming its market and the built
 * orderbook keeping its book. Whatever happens to the brokers, the stored trade and swap figures
 * must equal an independent computation over the recordings, digit for digit, the gateway must
 * serve every trade id once, and the orderbook's book must equal the simulator's true book. Each
 * scenario starts a cluster and apps of its own, so it counts only what it replayed.
 */
describe('Kafka cluster faults (3 nodes): producers → aggregator, orderbook → gateway', () => {
  const pg = new Client({ connectionString: DATABASE_URL });
  const schemas: string[] = [];
  const trades = recordedTrades();
  const swaps = recordedSwaps();
  const expected = expectedStats();
  const pairs = [...new Set([...expected.spans.keys()].map((key) => key.split(' ')[0]))];
  const from = Math.min(...trades.map((t) => t.tradeTime));
  const to = Math.max(...trades.map((t) => t.tradeTime)) + 1;
  let cluster: KafkaCluster;
  let pipeline: ReplayPipeline | undefined;

  beforeAll(() => pg.connect());

  afterEach(async () => {
    await pipeline?.stop();
    await AppProcess.stopAll();
    await cluster?.stop();
    pipeline = undefined;
  }, 60_000);

  afterAll(async () => {
    await AppProcess.stopAll();
    if (!process.env.TEST_KEEP_DATA)
      for (const schema of schemas) await pg.query(`drop schema if exists ${schema} cascade`);
    await pg.end();
  });

  /** A cluster of the scenario's own (so it counts only its own trades) and the apps on it. */
  async function startPipeline(): Promise<ReplayPipeline> {
    const started = Date.now();
    cluster = await startKafkaCluster({ nodes: 3, topics: TOPICS });
    console.log(`3-node cluster started in ${Date.now() - started} ms`);
    pipeline = await ReplayPipeline.start(cluster.bootstrap);
    schemas.push(pipeline.schema);
    return pipeline;
  }

  /** The md.trade.v1 partition holding the most messages now: the one the replay keeps busy. */
  async function busiestTradePartition(): Promise<number> {
    const admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(TRADE_TOPIC.name);
      const busiest = offsets.reduce((a, b) => (Number(b.high) > Number(a.high) ? b : a));
      if (busiest.high === '0') throw new Error('no trade published yet');
      return busiest.partition;
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Every trade and swap figure and every trade id, exactly as the recordings have them, each
   * once; the orderbook's book equal to the simulator's true book.
   */
  async function expectEverythingOnce(run: ReplayPipeline): Promise<void> {
    const settling = Date.now();
    const stored = await run.settledStats(pg, pairs, trades.length + swaps.length);
    console.log(`trades and swaps settled in ${Date.now() - settling} ms`);
    if (differences(expected.minutes, stored.minutes).length > 0)
      console.log(await whereTradesWentMissing(run, cluster.brokers, trades, pg));
    expect(differences(expected.minutes, stored.minutes)).toEqual([]);
    expect(differences(expected.spans, stored.spans)).toEqual([]);
    expect(
      ['WETH/USDC all', 'TKN/WETH all'].map((key) => stored.spans.get(key)?.tradeCount),
    ).toEqual([6046, 41]);
    for (const symbol of TRADE_DAY_SYMBOLS) {
      const recorded = trades.filter((t) => t.symbol === symbol).map((t) => t.tradeId);
      expect(await run.historyIds(symbol, from, to)).toEqual(recorded);
    }
    const syncing = Date.now();
    const { held, truth } = await run.books.heldAndTrue();
    console.log(`book at the true update id ${truth.lastUpdateId} in ${Date.now() - syncing} ms`);
    expect(held).toEqual(truth);
    // Every app recovered by itself: none exited (and none was restarted).
    expect(run.apps.filter((app) => !app.running).map((app) => app.name)).toEqual([]);
  }

  it('loses and doubles no trade or swap, and resyncs the book, when the leader of the busy trade partition is SIGKILLed mid-stream and restarted', async () => {
    const run = await startPipeline();
    await sleep(5_000); // the replay is a few seconds into its 30
    const partition = await busiestTradePartition();
    const leader = await cluster.leaderOf(TRADE_TOPIC.name, partition);
    await cluster.kill(leader);
    const killed = Date.now();
    await until(
      `leadership of ${TRADE_TOPIC.name}/${partition} moving off node ${leader}`,
      async () => (await cluster.leaderOf(TRADE_TOPIC.name, partition)) !== leader,
      30_000,
      200,
    );
    await sleep(Math.max(0, 10_000 - (Date.now() - killed))); // down for 10 s in all
    await cluster.start(leader);

    await expectEverythingOnce(run);
    expect([trades.length, swaps.length]).toEqual([1850, 6087]);
  }, 420_000);

  it('recovers by itself from a 30 s stop of the whole cluster: not ready meanwhile, nothing lost within the producer buffer', async () => {
    const run = await startPipeline();
    const urls = run.appUrls;
    const replayed = [
      { topic: TRADE_TOPIC.name, count: trades.length },
      { topic: SWAP_TOPIC.name, count: swaps.length },
    ];
    const counters = (name: string) =>
      Promise.all(replayed.map(({ topic }) => run.producerMetric(name, topic)));
    await sleep(3_000);
    const down = Date.now();
    await Promise.all(cluster.nodeIds.map((id) => cluster.stopNode(id)));
    console.log(`3 nodes stopped (SIGTERM) in ${Date.now() - down} ms`);
    await Promise.all(urls.map((url) => waitForStatus(`${url}/health/ready`, 503, 30_000)));
    const publishedAtDown = await counters(PUBLISHED);
    const receivedAtDown = await counters(RECEIVED);
    await sleep(Math.max(0, 30_000 - (Date.now() - down)));
    // The producer kept reading both replays and held what it read: none published, none dropped.
    const receivedAtUp = await counters(RECEIVED);
    replayed.forEach(({ topic, count }, i) => {
      expect([topic, receivedAtUp[i] > receivedAtDown[i]]).toEqual([topic, true]);
      expect([topic, publishedAtDown[i] < count]).toEqual([topic, true]);
    });
    expect(await counters(PUBLISHED)).toEqual(publishedAtDown);
    for (const url of urls)
      expect([url, (await fetch(`${url}/health/ready`)).status]).toEqual([url, 503]);

    await Promise.all(cluster.nodeIds.map((id) => cluster.start(id)));
    const up = Date.now();
    await Promise.all(urls.map((url) => waitForStatus(`${url}/health/ready`, 200, 90_000)));
    console.log(`every app ready ${Date.now() - up} ms after the cluster was back`);

    await expectEverythingOnce(run);
    expect(await counters(DROPPED)).toEqual([0, 0]);
    expect(await counters(PUBLISHED)).toEqual(replayed.map(({ count }) => count));
  }, 420_000);

  it('loses and doubles no trade or swap, and resyncs the book, when the leader of the busy trade partition hangs (SIGSTOP) for 20 s', async () => {
    const run = await startPipeline();
    await sleep(5_000);
    const leader = await cluster.leaderOf(TRADE_TOPIC.name, await busiestTradePartition());
    cluster.pause(leader);
    await sleep(20_000);
    cluster.resume(leader);

    await expectEverythingOnce(run);
  }, 420_000);
});
