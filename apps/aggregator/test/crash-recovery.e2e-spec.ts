import { SWAP_TOPIC, TRADE_TOPIC } from '@app/contracts';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { Client } from 'pg';
import { AppProcess, freePort } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../test/support/services';
import { type KafkaCluster, startKafkaCluster } from '../../../tools/kafka/kafka-cluster';
import { countedFills, independentStats } from './support/independent-stats';
import { marketScenario, POOLS, Rng, ScenarioMessage, SYMBOLS } from './support/market-scenario';
import { differences, storedStats } from './support/stored-stats';

const EVENTS = Number(process.env.AGG_EVENTS ?? 100_000);
const SEED = Number(process.env.SCENARIO_SEED ?? 20240105);
const KILLS = Number(process.env.AGG_KILLS ?? 5);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The aggregator's promise under fire: two replicas share the partitions while 100,000 trades and
 * swaps (duplicates, late events, pending → confirmed/failed, reorgs, invalid messages) go through
 * Kafka, and one replica or the other is SIGKILLed at random moments and restarted. At the end the
 * stored windows and rolling figures equal an independent computation, digit for digit.
 */
describe('aggregator crash recovery (SIGKILL, two replicas)', () => {
  const schema = uniqueRunId('e2e_agg').toLowerCase();
  const pg = new Client({ connectionString: DATABASE_URL });
  let broker: KafkaCluster;
  let producer: Producer;

  beforeAll(async () => {
    await pg.connect();
    broker = await startKafkaCluster({
      topics: {
        [TRADE_TOPIC.name]: 12,
        [SWAP_TOPIC.name]: 12,
        'stats.update.v1': 6,
        'ops.deadletter.v1': 1,
      },
    });
    const kafka = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
  }, 120_000);

  afterAll(async () => {
    await AppProcess.stopAll();
    await producer?.disconnect();
    await broker?.stop();
    if (!process.env.TEST_KEEP_DATA) await pg.query(`drop schema if exists ${schema} cascade`);
    await pg.end();
  });

  async function startReplica(): Promise<AppProcess> {
    return AppProcess.start('aggregator', {
      PORT: String(await freePort()),
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_CLIENT_PREFIX: schema,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_FETCH_MAX_WAIT_MS: '100',
      REDIS_URL,
      CACHE_KEY_PREFIX: `${schema}:`,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
    });
  }

  /**
   * One partition per pool or symbol, chosen here rather than by hash, so the load spreads evenly
   * over the partitions the replicas share.
   */
  function placement(value: { pool: string } | { symbol: string }): {
    key: string;
    partition: number;
  } {
    if ('pool' in value)
      return { key: value.pool, partition: POOLS.findIndex((p) => p.pool === value.pool) };
    return { key: value.symbol, partition: SYMBOLS.indexOf(value.symbol) * 2 };
  }

  async function produce(messages: readonly ScenarioMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 5000) {
      const chunk = messages.slice(i, i + 5000);
      await producer.sendBatch({
        topicMessages: [TRADE_TOPIC.name, SWAP_TOPIC.name].map((topic) => ({
          topic,
          messages: chunk
            .filter((m) => m.topic === topic)
            .map((m) =>
              typeof m.value === 'string'
                ? { key: 'BTCUSDT', partition: 0, value: m.value }
                : { ...placement(m.value), value: JSON.stringify(m.value) },
            ),
        })),
      });
      await sleep(500); // spread production over the kills
    }
  }

  async function caughtUp(): Promise<boolean> {
    const admin = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const stored = await pg
        .query<{ topic: string; partition: number; next_offset: string }>(
          `select topic, partition, next_offset from ${schema}.consumer_offsets where group_id = $1`,
          [`${schema}-aggregator`],
        )
        .catch(() => ({ rows: [] }));
      for (const topic of [TRADE_TOPIC.name, SWAP_TOPIC.name]) {
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
          if (low !== '0')
            throw new Error(`the broker dropped ${topic}[${partition}] below ${low}`);
          const row = stored.rows.find((r) => r.topic === topic && r.partition === partition);
          if (high !== '0' && row?.next_offset !== high) return false;
        }
      }
      return true;
    } finally {
      await admin.disconnect();
    }
  }

  it(`counts ${EVENTS} events exactly once through ${KILLS} SIGKILLs`, async () => {
    const messages = marketScenario(SEED, EVENTS);
    const statuses = new Set(
      messages.flatMap((m) =>
        typeof m.value === 'object' && 'status' in m.value ? [m.value.status] : [],
      ),
    );
    expect([...statuses].sort()).toEqual(['confirmed', 'failed', 'pending', 'reorged']);
    expect(messages.length).toBeGreaterThanOrEqual(EVENTS);
    const replicas = [await startReplica(), await startReplica()];
    const producing = produce(messages);
    const rng = new Rng(SEED);
    let kills = 0;
    let produced = false;
    void producing.then(() => (produced = true));
    while (kills < KILLS || (KILLS > 0 && !produced)) {
      await sleep(rng.int(2000, 6000));
      const victim = rng.int(0, 1);
      await replicas[victim].stop('SIGKILL');
      kills++;
      replicas[victim] = await startReplica();
    }
    await producing;
    const deadline = Date.now() + 180_000;
    while (!(await caughtUp())) {
      if (Date.now() > deadline)
        throw new Error(`not caught up; logs:\n${replicas[0].logs.slice(-3000)}`);
      await sleep(500);
    }

    const fills = countedFills(
      messages.flatMap((m) =>
        typeof m.value === 'string'
          ? []
          : [
              m.topic === 'md.trade.v1'
                ? { topic: 'trade' as const, value: m.value as never }
                : { topic: 'swap' as const, value: m.value as never },
            ],
      ),
    );
    const expected = independentStats(fills);
    const stored = await storedStats(pg, schema);
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(differences(expected.minutes, stored.minutes)).toEqual([]);
    expect(differences(expected.spans, stored.spans)).toEqual([]);
    expect(stored.minutes.size).toBeGreaterThan(500);
    expect([...stored.spans.keys()].sort()).toEqual(
      [...SYMBOLS, 'DAI/USDT', 'OSQTH/WETH', 'WBTC/USDC', 'WETH/USDC']
        .sort()
        .flatMap((p) => [`${p} 1h`, `${p} 24h`, `${p} all`]),
    );
  }, 300_000);
});
