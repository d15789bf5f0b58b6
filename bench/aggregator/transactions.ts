/**
 * The aggregator's batch transactions alone, without Kafka, Redis or the consumer: the same 100,000
 * trades in batches of 417 per partition (what the test broker delivers per fetch in main.ts), each
 * partition's batches in order, CONCURRENCY partitions at a time (one connection each), with the
 * time spent in each statement (summed over the connections). The rate is the most the Postgres
 * half of the aggregator gives on this machine, whatever the consumer does.
 *
 *   node -r ./tools/register-ts.js bench/aggregator/transactions.ts
 *   EVENTS=100000 BATCH=417 CONCURRENCY=1
 */
import { TradeEvent } from '@app/contracts';
import { migrate, PostgresDatabase, SqlExecutor } from '@app/storage';
import { randomBytes } from 'node:crypto';
import { advanceOffset, applyBatch, observe } from '../../apps/aggregator/src';
import { benchTrade, PARTITIONS } from './bench-trades';

const EVENTS = Number(process.env.EVENTS ?? 100_000);
const BATCH = Number(process.env.BATCH ?? 417);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 1);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The trades main.ts produces, per partition. */
function tradesByPartition(): TradeEvent[][] {
  const partitions: TradeEvent[][] = Array.from({ length: PARTITIONS }, () => []);
  for (let n = 0; n < EVENTS; n++) partitions[n % PARTITIONS].push(benchTrade(n, EVENTS));
  return partitions;
}

/** A transaction whose statements add their time to `spent`, by their first words. */
function timed(tx: SqlExecutor, spent: Map<string, number>): SqlExecutor {
  return {
    exec: (sql) => tx.exec(sql),
    query: async (sql, params) => {
      const started = performance.now();
      const result = await tx.query(sql, params);
      const statement = sql.trim().split(/\s+/).slice(0, 3).join(' ');
      spent.set(statement, (spent.get(statement) ?? 0) + performance.now() - started);
      return result as never;
    },
  };
}

async function main(): Promise<void> {
  const schema = `bench_tx_${randomBytes(3).toString('hex')}`;
  const db = await PostgresDatabase.connect({
    url: DATABASE_URL,
    schema,
    maxConnections: CONCURRENCY,
  });
  try {
    await migrate(db);
    const partitions = tradesByPartition();
    const spent = new Map<string, number>();
    const started = performance.now();
    let transactions = 0;
    // Like the consumer: each partition's batches in order, CONCURRENCY partitions at a time.
    const applyPartition = async (partition: number): Promise<void> => {
      const trades = partitions[partition];
      for (let from = 0; from < trades.length; from += BATCH) {
        const batch = trades.slice(from, from + BATCH);
        await db.transaction(async (tx) => {
          const offsets = { fromOffset: String(from), nextOffset: String(from + batch.length) };
          await advanceOffset(timed(tx, spent), 'bench', { topic: 't', partition, ...offsets });
          await applyBatch(
            timed(tx, spent),
            batch.map((trade) => observe('trade', trade)),
          );
        });
        transactions++;
      }
    };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < PARTITIONS) await applyPartition(next++);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = performance.now() - started;
    console.log(
      `${transactions} transactions, ${EVENTS} trades: ${((EVENTS / elapsed) * 1000).toFixed(0)} events/s`,
    );
    for (const [statement, ms] of [...spent].sort((a, b) => b[1] - a[1])) {
      console.log(`${ms.toFixed(0).padStart(7)} ms  ${statement} ...`);
    }
    // Summed over the connections, the statements' times only leave a remainder with one.
    const statements = [...spent.values()].reduce((sum, ms) => sum + ms, 0);
    if (CONCURRENCY === 1) {
      console.log(`${(elapsed - statements).toFixed(0).padStart(7)} ms  begin, commit, JS`);
    }
  } finally {
    await db.query(`drop schema if exists ${schema} cascade`);
    await db.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
