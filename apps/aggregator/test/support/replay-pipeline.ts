import { SwapEvent, TradeEvent } from '@app/contracts';
import { RawTrade } from '@app/exchange';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess, freePort, waitForStatus } from '../../../../test/support/app-process';
import { readRecordedLines, RECORDINGS } from '../../../../test/support/recordings';
import { uniqueRunId } from '../../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../../test/support/services';
import {
  SwapReplayDir,
  swapReplayDir,
  UNLISTED_POOL_CONFIG,
} from '../../../../test/support/swap-recordings';
import { Figures, countedFills, independentStats } from './independent-stats';
import { recordedSwapEvents } from './recorded-swaps';
import { SimulatedBooks } from './simulated-books';
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

/**
 * The swaps the replay directory of `swapReplayDir` holds, as the producer must publish them: the
 * USDC/WETH day as recorded, the oSQTH/WETH day under UNLISTED_POOL (DEX_POOLS gives its tokens).
 */
export function recordedSwaps(): SwapEvent[] {
  const { address, token0Symbol, token0Decimals, token1Symbol, token1Decimals } =
    UNLISTED_POOL_CONFIG;
  return [
    ...recordedSwapEvents('0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640'),
    ...recordedSwapEvents('0x82c427adfdf2d245ec51d8046b41c4ee87f0d29c', {
      address,
      token0Symbol,
      token0Decimals,
      token1Symbol,
      token1Decimals,
    }),
  ];
}

/** What the aggregator must store for the replayed trades and swaps: computed independently of its code. */
export function expectedStats(): ReturnType<typeof independentStats> {
  return independentStats(
    countedFills([
      ...recordedTrades().map((value) => ({ topic: 'trade' as const, value })),
      ...recordedSwaps().map((value) => ({ topic: 'swap' as const, value })),
    ]),
  );
}

/** Swaps delivered per second: the 6,087 recorded swaps over about 30 s, as long as the trades. */
const SWAP_RATE = 200;

/**
 * The built producer (replaying TRADE_DAY as recorded, and the recorded swaps over about 30 s),
 * aggregator (its own Postgres schema), gateway (reading that schema for trade history) and
 * SimulatedBooks on one Kafka cluster, each a process of its own.
 */
export class ReplayPipeline {
  private constructor(
    readonly schema: string,
    readonly producer: AppProcess,
    readonly aggregator: AppProcess,
    readonly gateway: AppProcess,
    readonly books: SimulatedBooks,
    private readonly swapDir: SwapReplayDir,
    readonly urls: { producer: string; aggregator: string; gateway: string },
  ) {}

  /** Every app that uses Kafka (the simulator does not). */
  get apps(): AppProcess[] {
    return [this.producer, this.aggregator, this.gateway, ...this.books.apps];
  }

  /** Every app's base URL, for readiness. */
  get appUrls(): string[] {
    return [...Object.values(this.urls), ...Object.values(this.books.urls)];
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
    const booksStarted = SimulatedBooks.start(common, `${schema}:`);
    void booksStarted.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
    const aggregator = AppProcess.start('aggregator', {
      ...common,
      ...stores,
      PORT: String(ports.aggregator),
      // The recordings are months apart and years old: pruning would remove their minutes.
      AGGREGATOR_PRUNE_INTERVAL_MS: '0',
    });
    await ready(aggregator, url(ports.aggregator));
    // After the aggregator: it migrates the schema the gateway reads trade history from.
    const gateway = AppProcess.start('gateway', {
      ...common,
      ...stores,
      PORT: String(ports.gateway),
    });
    await ready(gateway, url(ports.gateway));
    const books = await booksStarted;
    const swapDir = swapReplayDir({ broken: false });
    const producerPort = await freePort();
    const producer = AppProcess.start('producer', {
      ...common,
      PORT: String(producerPort),
      MARKET_SOURCE: 'replay',
      REPLAY_DIR: TRADE_DAY,
      REPLAY_SPEED: '1',
      SYMBOLS: TRADE_DAY_SYMBOLS.join(','),
      DEX_SOURCE: 'replay',
      DEX_REPLAY_DIR: swapDir.dir,
      DEX_POOLS: JSON.stringify([UNLISTED_POOL_CONFIG]),
      DEX_REPLAY_RATE: String(SWAP_RATE),
    });
    await ready(producer, url(producerPort));
    return new ReplayPipeline(schema, producer, aggregator, gateway, books, swapDir, {
      producer: url(producerPort),
      aggregator: url(ports.aggregator),
      gateway: url(ports.gateway),
    });
  }

  /**
   * The aggregator's stored figures of `pairs` once `expectedFills` trades and swaps are counted
   * there, or after `timeoutMs`.
   */
  async settledStats(pg: Client, pairs: string[], expectedFills: number, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await storedStats(pg, this.schema, pairs);
      const counted = [...stored.minutes.values()].reduce((n, f: Figures) => n + f.tradeCount, 0);
      if (counted >= expectedFills || Date.now() > deadline) {
        // A duplicate delivered late would show by now.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return storedStats(pg, this.schema, pairs);
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
    await Promise.all([...this.apps, this.books.simulator].map((app) => app.stop()));
    this.swapDir.remove();
  }
}

async function ready(app: AppProcess, url: string): Promise<void> {
  await waitForStatus(`${url}/health/ready`, 200, 120_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${app.name} output:\n${app.logs.slice(-3000)}`);
  });
}
