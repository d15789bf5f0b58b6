/**
 * Following every symbol of an exchange: the built simulator app serves SYMBOLS (default 1,600:
 * the 1,193 TRADING symbols of the recorded 2021-08-14 exchangeInfo and synthetic ones beside
 * them), the built producer follows them all with SYMBOLS=* into Apache Kafka (tools/kafka), and
 * the built orderbook syncs a book for each from REST snapshots within its weight budget, priority
 * symbols first at BOOK_SNAPSHOT_LIMIT and the rest at BOOK_SNAPSHOT_LIMIT_OTHERS. Reports, per
 * run: seconds until every book is in sync, REST weight spent, RSS per symbol of the orderbook
 * and the producer; beside the peer, the fastest any client could sync them within the same
 * budget (its first request at once, each next one weight/budget of a minute after the one
 * before: the exchange's limit, not our code, is the bound).
 *
 *   npm run bench:all-symbols   (SYMBOLS=1600 OTHERS_LIMIT=100 BUDGET=2400 RUNS=3 by default)
 */
import { REST_WEIGHTS, simulatedSymbolsFor } from '@app/exchange';
import { ALL_TOPICS } from '@app/contracts';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startKafkaCluster } from '../../tools/kafka/kafka-cluster';
import { AppProcess, freePort, sleep, waitForStatus } from '../../test/support/app-process';

const SYMBOL_COUNT = Number(process.env.SYMBOLS ?? 1600);
const OTHERS_LIMIT = Number(process.env.OTHERS_LIMIT ?? 100);
const PRIORITY_LIMIT = 5000;
const BUDGET = Number(process.env.BUDGET ?? 2400);
const RUNS = Number(process.env.RUNS ?? 3);
const PRIORITY = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'];
const SYNC_DEADLINE_MS = 30 * 60_000;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface RunResult {
  syncSeconds: number;
  weight: number;
  orderbookKbPerSymbol: number;
  producerKbPerSymbol: number;
}

/** The simulator's wanted list: `*` plus synthetic names up to `count` symbols. */
async function wantedSymbols(count: number): Promise<string[]> {
  const listed = (await simulatedSymbolsFor(['*'])).map((s) => s.symbol);
  const extra = Array.from(
    { length: Math.max(0, count - listed.length) },
    (_, i) => `X${String(i).padStart(4, '0')}USDT`,
  );
  return ['*', ...extra];
}

/** Sum over its labels of one series in a Prometheus text exposition. */
async function scrape(url: string, name: string): Promise<number> {
  const text = await (await fetch(url)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** The least time any client needs: requests back to back at the budget's pace. */
function lowerBoundSeconds(symbols: number): number {
  const weights = [
    ...PRIORITY.map(() => REST_WEIGHTS.depth(PRIORITY_LIMIT)),
    ...Array.from({ length: symbols - PRIORITY.length }, () => REST_WEIGHTS.depth(OTHERS_LIMIT)),
  ];
  const paced = weights.slice(0, -1).reduce((sum, weight) => sum + weight, 0);
  return (paced * 60) / BUDGET;
}

async function oneRun(
  brokers: string,
  simulatorSymbols: string[],
  run: number,
): Promise<RunResult> {
  const simPort = await freePort();
  const simUrl = `http://127.0.0.1:${simPort}`;
  AppProcess.start('simulator', {
    PORT: String(simPort),
    SYMBOLS: simulatorSymbols.join(','),
    SIM_EVENTS_PER_SECOND: '1',
    SIM_WEIGHT_PER_MINUTE: '6000',
  });
  await waitForStatus(`${simUrl}/health/ready`, 200, 120_000);
  const producerPort = await freePort();
  const producer = AppProcess.start('producer', {
    PORT: String(producerPort),
    KAFKA_BROKERS: brokers,
    KAFKA_CLIENT_PREFIX: `bench-all-${run}`,
    SYMBOLS: '*',
    PRIORITY_SYMBOLS: PRIORITY.join(','),
    EXCHANGE_WS_URL: `ws://127.0.0.1:${simPort}`,
    EXCHANGE_REST_URL: simUrl,
    DEX_SOURCE: 'off',
  });
  const orderbookPort = await freePort();
  const orderbook = AppProcess.start('orderbook', {
    PORT: String(orderbookPort),
    KAFKA_BROKERS: brokers,
    KAFKA_CLIENT_PREFIX: `bench-all-${run}`,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    CACHE_KEY_PREFIX: `bench-all-${process.pid}-${run}:`,
    EXCHANGE_REST_URL: simUrl,
    PRIORITY_SYMBOLS: PRIORITY.join(','),
    BOOK_SNAPSHOT_LIMIT: String(PRIORITY_LIMIT),
    BOOK_SNAPSHOT_LIMIT_OTHERS: String(OTHERS_LIMIT),
    SNAPSHOT_WEIGHT_PER_MINUTE: String(BUDGET),
  });
  await waitForStatus(`http://127.0.0.1:${orderbookPort}/health/live`, 200, 120_000);
  await waitForStatus(`http://127.0.0.1:${producerPort}/health/live`, 200, 120_000);
  const baseline = { orderbook: rssKb(orderbook.pid), producer: rssKb(producer.pid) };
  const metrics = `http://127.0.0.1:${orderbookPort}/metrics`;
  const started = Date.now();
  let inSync = 0;
  while (inSync < SYMBOL_COUNT) {
    if (Date.now() - started > SYNC_DEADLINE_MS) {
      throw new Error(`only ${inSync} of ${SYMBOL_COUNT} books in sync after 30 min`);
    }
    if (!orderbook.running || !producer.running) {
      throw new Error(`an app exited:\n${orderbook.logs}\n${producer.logs}`);
    }
    await sleep(1000);
    inSync = await scrape(metrics, 'orderbook_books_in_sync');
  }
  const result: RunResult = {
    syncSeconds: (Date.now() - started) / 1000,
    weight: await scrape(metrics, 'orderbook_snapshot_weight_used_total'),
    orderbookKbPerSymbol: (rssKb(orderbook.pid) - baseline.orderbook) / SYMBOL_COUNT,
    producerKbPerSymbol: (rssKb(producer.pid) - baseline.producer) / SYMBOL_COUNT,
  };
  await AppProcess.stopAll();
  return result;
}

async function main(): Promise<void> {
  const simulatorSymbols = await wantedSymbols(SYMBOL_COUNT);
  const topics = Object.fromEntries(ALL_TOPICS.map((topic) => [topic.name, topic.partitions]));
  const kafka = await startKafkaCluster({ topics });
  const bound = lowerBoundSeconds(SYMBOL_COUNT);
  console.log(
    `${SYMBOL_COUNT} symbols, ${PRIORITY.length} priority at ${PRIORITY_LIMIT} levels, the rest at ${OTHERS_LIMIT}; budget ${BUDGET}/min; load ${loadavg()[0].toFixed(1)}`,
  );
  const results: RunResult[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const result = await oneRun(kafka.bootstrap, simulatorSymbols, run);
      results.push(result);
      console.log(
        `run ${run + 1}: all ${SYMBOL_COUNT} books in sync after ${result.syncSeconds.toFixed(1)} s (bound ${bound.toFixed(1)} s), weight ${result.weight}, RSS per symbol: orderbook ${result.orderbookKbPerSymbol.toFixed(1)} KB, producer ${result.producerKbPerSymbol.toFixed(1)} KB`,
      );
    }
  } finally {
    await AppProcess.stopAll();
    await kafka.stop();
  }
  const sync = median(results.map((r) => r.syncSeconds));
  console.log(
    `median of ${RUNS}: in sync after ${sync.toFixed(1)} s = ${(sync / bound).toFixed(2)}× the budget's bound of ${bound.toFixed(1)} s; weight ${median(results.map((r) => r.weight))}; RSS per symbol orderbook ${median(results.map((r) => r.orderbookKbPerSymbol)).toFixed(1)} KB, producer ${median(results.map((r) => r.producerKbPerSymbol)).toFixed(1)} KB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
