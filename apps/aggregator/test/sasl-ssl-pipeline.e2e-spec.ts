import { TRADE_TOPIC, TradeEvent } from '@app/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import {
  type SecureKafka,
  secureKafkaEnv,
  startSecureKafka,
} from '../../../test/support/secure-kafka';
import { DATABASE_URL, REDIS_URL } from '../../../test/support/services';
import { readWholeTopic } from '../../../test/support/whole-topic';
import { countedFills, independentStats } from './support/independent-stats';
import { differences, storedStats } from './support/stored-stats';

/**
 * The full path with every Kafka client on SASL_SSL (SCRAM-SHA-512), set by the environment
 * alone: the producer (simulator) publishes, the aggregator consumes and stores; the stored
 * figures equal an independent computation over the trades the topic holds, read back over the
 * broker's plaintext listener.
 */
describe('producer → Kafka (SASL_SSL) → aggregator', () => {
  const schema = uniqueRunId('sasl').toLowerCase();
  const pg = new Client({ connectionString: DATABASE_URL });
  let kafka: SecureKafka;

  beforeAll(async () => {
    await pg.connect();
    kafka = await startSecureKafka();
  }, 600_000); // the harness bounds each step of the start (tools/kafka)

  afterAll(async () => {
    await AppProcess.stopAll();
    await kafka?.stop();
    await pg.query(`drop schema if exists ${schema} cascade`);
    await pg.end();
  });

  /** Every partition of md.trade.v1 stored up to its end, with the figures. */
  async function caughtUp(): Promise<boolean> {
    const admin = new Kafka({ brokers: kafka.cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const stored = await pg
        .query<{ partition: number; next_offset: string }>(
          `select partition, next_offset from ${schema}.consumer_offsets where group_id = $1 and topic = $2`,
          [`${schema}-aggregator`, TRADE_TOPIC.name],
        )
        .catch(() => ({ rows: [] }));
      const offsets = await admin.fetchTopicOffsets(TRADE_TOPIC.name);
      return offsets.every(
        ({ partition, high }) =>
          high === '0' || stored.rows.find((r) => r.partition === partition)?.next_offset === high,
      );
    } finally {
      await admin.disconnect();
    }
  }

  it('stores exactly the figures of the trades the producer published', async () => {
    const common = { ...secureKafkaEnv(kafka), KAFKA_CLIENT_PREFIX: schema };
    const producerPort = await freePort();
    const producer = AppProcess.start('producer', {
      ...common,
      PORT: String(producerPort),
      SYMBOLS: 'BTCUSDT,ETHUSDT',
      SIM_EVENTS_PER_SECOND: '40',
      DEX_SOURCE: 'off',
    });
    await waitForStatus(`http://127.0.0.1:${producerPort}/health/ready`, 200, 60_000);
    await sleep(4_000);
    expect(await producer.stop()).toBe(0);

    const aggregatorPort = await freePort();
    const aggregator = AppProcess.start('aggregator', {
      ...common,
      PORT: String(aggregatorPort),
      REDIS_URL,
      CACHE_KEY_PREFIX: `${schema}:`,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
    });
    await waitForStatus(`http://127.0.0.1:${aggregatorPort}/health/ready`, 200, 60_000);
    const deadline = Date.now() + 60_000;
    while (!(await caughtUp())) {
      if (Date.now() > deadline) throw new Error(`not caught up:\n${aggregator.logs.slice(-3000)}`);
      await sleep(300);
    }

    const trades = await readWholeTopic<TradeEvent>(kafka.cluster.brokers, TRADE_TOPIC.name);
    const expected = independentStats(
      countedFills(trades.map((value) => ({ topic: 'trade' as const, value }))),
    );
    const stored = await storedStats(pg, schema);
    expect(trades.length).toBeGreaterThan(0);
    expect(differences(expected.minutes, stored.minutes)).toEqual([]);
    expect(differences(expected.spans, stored.spans)).toEqual([]);
    const counted = [...stored.minutes.values()].reduce((sum, m) => sum + m.tradeCount, 0);
    expect(counted).toBe(new Set(trades.map((t) => `${t.symbol}:${t.tradeId}`)).size);
    expect(await aggregator.stop()).toBe(0);
  }, 180_000);
});
