/**
 * Events per second through the aggregator (the built process: batch transaction with ledger,
 * windows, rolling figures and offsets in Postgres, then Redis and stats.update.v1) beside a bare
 * kafkajs consumer reading the same topic, in the same run against the same Apache Kafka broker (tools/kafka). Prints
 * medians of RUNS runs and the ratio.
 *
 * With HISTORY_HOURS (24 by default; 0 to skip) each run also measures the aggregator on a
 * database that already holds that many hours of history (history.ts), to show the rate does not
 * fall as history grows.
 *
 *   npm run bench:aggregator            (EVENTS=100000 RUNS=3 HISTORY_HOURS=24 by default)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { type KafkaCluster, startKafkaCluster } from '../../tools/kafka/kafka-cluster';
import { benchTrade, PARTITIONS } from './bench-trades';
import { fillHistory } from './history';

const EVENTS = Number(process.env.EVENTS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const HISTORY_HOURS = Number(process.env.HISTORY_HOURS ?? 24);
/** The bench stream's EVENTS span 6 h of event time; the history keeps that rate. */
const EVENTS_PER_HOUR = EVENTS / 6;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function produceTrades(broker: KafkaCluster): Promise<void> {
  const producer = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  for (let i = 0; i < EVENTS; i += 5000) {
    const messages = Array.from({ length: Math.min(5000, EVENTS - i) }, (_, j) => {
      const trade = benchTrade(i + j, EVENTS);
      return { key: trade.symbol, partition: (i + j) % PARTITIONS, value: JSON.stringify(trade) };
    });
    await producer.send({ topic: 'md.trade.v1', messages });
  }
  await producer.disconnect();
}

/** A bare kafkajs consumer: reads every message of the topic and does nothing with it. */
async function bareConsumer(broker: KafkaCluster, run: number): Promise<number> {
  const kafka = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: `bench-bare-${run}-${randomBytes(3).toString('hex')}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: 'md.trade.v1', fromBeginning: true });
  let seen = 0;
  let started = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        if (started === 0) started = performance.now();
        seen += batch.messages.length;
        if (seen >= EVENTS) resolve(performance.now());
        await Promise.resolve();
      },
    });
  });
  const ended = await done;
  await consumer.disconnect();
  return (EVENTS / (ended - started)) * 1000;
}

/** The built aggregator: counted events per second, from its first committed batch to the last. */
async function aggregator(
  broker: KafkaCluster,
  pg: Client,
  run: number,
  historyHours: number,
): Promise<number> {
  const schema = `bench_agg_${run}_${randomBytes(3).toString('hex')}`;
  if (historyHours > 0) await fillHistory(DATABASE_URL, schema, historyHours, EVENTS_PER_HOUR);
  const child = spawn(
    process.execPath,
    // AGGREGATOR_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/agg-prof' profiles the aggregator.
    [
      ...(process.env.AGGREGATOR_NODE_ARGS ?? '').split(' ').filter(Boolean),
      join(ROOT, 'dist', 'apps', 'aggregator', 'src', 'main.js'),
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'warn',
        PORT: String(20000 + Math.floor(Math.random() * 20000)),
        KAFKA_BROKERS: broker.bootstrap,
        KAFKA_CLIENT_PREFIX: schema,
        DATABASE_URL,
        DATABASE_SCHEMA: schema,
        REDIS_URL,
        CACHE_KEY_PREFIX: `${schema}:`,
        ...(process.env.AGGREGATOR_CONCURRENCY
          ? { AGGREGATOR_CONCURRENCY: process.env.AGGREGATOR_CONCURRENCY }
          : {}),
      },
      stdio: 'ignore',
    },
  );
  const stored = async () =>
    Number(
      (
        await pg
          .query<{ n: string }>(
            `select coalesce(sum(next_offset), 0) as n from ${schema}.consumer_offsets`,
          )
          .catch(() => ({ rows: [{ n: '0' }] }))
      ).rows[0]?.n ?? 0,
    );
  let first = 0;
  let firstCount = 0;
  for (;;) {
    const count = await stored();
    if (count > 0 && first === 0) [first, firstCount] = [performance.now(), count];
    if (count >= EVENTS) break;
    await sleep(20);
  }
  const rate = ((EVENTS - firstCount) / (performance.now() - first)) * 1000;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await pg.query(`drop schema if exists ${schema} cascade`);
  return rate;
}

async function main(): Promise<void> {
  const broker = await startKafkaCluster({
    topics: {
      'md.trade.v1': PARTITIONS,
      'dex.swap.v1': PARTITIONS,
      'stats.update.v1': 6,
      'ops.deadletter.v1': 1,
    },
  });
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  try {
    await produceTrades(broker);
    const ours: number[] = [];
    const withHistory: number[] = [];
    const bare: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      bare.push(await bareConsumer(broker, run));
      ours.push(await aggregator(broker, pg, run, 0));
      if (HISTORY_HOURS > 0) withHistory.push(await aggregator(broker, pg, run, HISTORY_HOURS));
      console.log(
        `run ${run}: aggregator ${ours[run - 1].toFixed(0)} events/s` +
          (HISTORY_HOURS > 0
            ? `, at ${HISTORY_HOURS} h of history ${withHistory[run - 1].toFixed(0)} events/s`
            : '') +
          `, bare kafkajs ${bare[run - 1].toFixed(0)} events/s`,
      );
    }
    const ratio = (rate: number) => (rate / median(bare)).toFixed(3);
    console.log(`aggregator (checkpointed, ${EVENTS} trades): ${median(ours).toFixed(0)} events/s`);
    if (HISTORY_HOURS > 0) {
      console.log(
        `aggregator at ${HISTORY_HOURS} h of history: ${median(withHistory).toFixed(0)} events/s`,
      );
    }
    console.log(`kafkajs-bare-consumer: ${median(bare).toFixed(0)} events/s`);
    console.log(`ratio aggregator/kafkajs-bare-consumer: ${ratio(median(ours))}`);
    if (HISTORY_HOURS > 0) {
      console.log(
        `ratio at ${HISTORY_HOURS} h/kafkajs-bare-consumer: ${ratio(median(withHistory))}`,
      );
    }
  } finally {
    await pg.end();
    await broker.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
