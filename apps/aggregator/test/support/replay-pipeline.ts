import { TradeEvent } from '@app/contracts';
import { RawTrade } from '@app/exchange';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess, freePort, waitForStatus } from '../../../../test/support/app-process';
import { readRecordedLines, RECORDINGS } from '../../../../test/support/recordings';
import { uniqueRunId } from '../../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../../test/support/services';
import { Figures, countedFills, independentStats } from './independent-stats';
import { storedStats } from './stored-stats';

/** The raw `@trade` day kept in the repository: 30 s of BTCUSDT and ETHUSDT, ids contiguous. */
export const TRADE_DAY = join(RECORDINGS, 'binance-spot', '2024-08-09');
export const TRADE_DAY_SYMBOLS = ['BTCUSDT', 'ETHUSDT'];

/** Every trade of the recording, read from the files themselves (not through the producer's reader). */
export function recordedTrades(): TradeEvent[] {
  return TRADE_DAY_SYMBOLS.flatMap((symbol) =>
    readRecordedLines<RawTrade>(join(TRADE_DAY, symbol), 'trade.jsonl').map((t): TradeEvent => ({
      source: 'replay',
      symbol: t.s,
      tradeId: t.t,
      aggregate: false,
      price: t.p,
      qty: t.q,
      buyerIsMaker: t.m,
      tradeTime: t.T,
      exchangeTime: t.T,
      receivedAt: t.T,
      producedAt: t.T,
    })),
  );
}

/** What the aggregator must store for the recording: computed independently of its code. */
export function expectedStats(): ReturnType<typeof independentStats> {
  return independentStats(
    countedFills(recordedTrades().map((value) => ({ topic: 'trade' as const, value }))),
  );
}

/**
 * The built producer (replaying TRADE_DAY as recorded), aggregator (its own Postgres schema) and
 * gateway (reading that schema for trade history) on one Kafka cluster, each a process of its own.
 */
export class ReplayPipeline {
  private constructor(
    readonly schema: string,
    readonly producer: AppProcess,
    readonly aggregator: AppProcess,
    readonly gateway: AppProcess,
    readonly urls: { producer: string; aggregator: string; gateway: string },
  ) {}

  get apps(): AppProcess[] {
    return [this.producer, this.aggregator, this.gateway];
  }

  static async start(bootstrap: string): Promise<ReplayPipeline> {
    const schema = uniqueRunId('e2e_faults').toLowerCase();
    const common = {
      KAFKA_BROKERS: bootstrap,
      KAFKA_CLIENT_PREFIX: schema,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_FETCH_MAX_WAIT_MS: '100',
    };
    const stores = {
      REDIS_URL,
      CACHE_KEY_PREFIX: `${schema}:`,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
    };
    const ports = { aggregator: await freePort(), gateway: await freePort() };
    const url = (port: number) => `http://127.0.0.1:${port}`;
    const aggregator = AppProcess.start('aggregator', {
      ...common,
      ...stores,
      PORT: String(ports.aggregator),
    });
    await ready(aggregator, url(ports.aggregator));
    // After the aggregator: it migrates the schema the gateway reads trade history from.
    const gateway = AppProcess.start('gateway', {
      ...common,
      ...stores,
      PORT: String(ports.gateway),
    });
    await ready(gateway, url(ports.gateway));
    const producerPort = await freePort();
    const producer = AppProcess.start('producer', {
      ...common,
      PORT: String(producerPort),
      MARKET_SOURCE: 'replay',
      REPLAY_DIR: TRADE_DAY,
      REPLAY_SPEED: '1',
      SYMBOLS: TRADE_DAY_SYMBOLS.join(','),
      DEX_SOURCE: 'off',
    });
    await ready(producer, url(producerPort));
    return new ReplayPipeline(schema, producer, aggregator, gateway, {
      producer: url(producerPort),
      aggregator: url(ports.aggregator),
      gateway: url(ports.gateway),
    });
  }

  /** The aggregator's stored figures once every recorded trade is counted, or after `timeoutMs`. */
  async settledStats(pg: Client, expectedTrades: number, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await storedStats(pg, this.schema);
      const counted = [...stored.minutes.values()].reduce((n, f: Figures) => n + f.tradeCount, 0);
      if (counted >= expectedTrades || Date.now() > deadline) {
        // A duplicate delivered late would show by now.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return storedStats(pg, this.schema);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** Every trade id of `symbol` the gateway serves from `GET /v1/trades/{symbol}/history`. */
  async historyIds(symbol: string, from: number, to: number): Promise<number[]> {
    const ids: number[] = [];
    let cursor = '';
    for (let page = 0; page < 100; page++) {
      const response = await fetch(
        `${this.urls.gateway}/v1/trades/${symbol}/history?from=${from}&to=${to}&limit=1000${cursor}`,
      );
      const body = (await response.json()) as {
        trades: { tradeId: number }[];
        next: string | null;
      };
      if (response.status !== 200)
        throw new Error(`history ${response.status}: ${JSON.stringify(body)}`);
      ids.push(...body.trades.map((t) => t.tradeId));
      if (body.next === null) return ids;
      cursor = `&cursor=${body.next}`;
    }
    throw new Error(`history of ${symbol} has more than 100 pages`);
  }

  /** A value of a Prometheus counter the producer exposes at /metrics (0 when absent). */
  async producerMetric(name: string, topic: string): Promise<number> {
    const text = await (await fetch(`${this.urls.producer}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}{`) && l.includes(`topic="${topic}"`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop()));
  }
}

async function ready(app: AppProcess, url: string): Promise<void> {
  await waitForStatus(`${url}/health/ready`, 200, 60_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${app.name} output:\n${app.logs.slice(-3000)}`);
  });
}
