import { canonicalDecimal } from '@app/decimal';
import { randomBytes } from 'node:crypto';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../test/support/services';
import { WsTestClient } from '../../../test/support/ws-test-client';
import { ComposeApp, composeApps, composeConfig } from '../../../tools/deploy-check/compose-check';
import { COMPOSE_FILE } from '../../../tools/deploy-check/paths';
import { localEnv } from './support/compose-local';

type Level = [string, string];
interface Book {
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
}
interface Trade {
  tradeId: number;
  price: string;
  qty: string;
}
interface SimulatorTrade {
  id: number;
  price: string;
  qty: string;
  time: number;
}

interface MinuteStats {
  windowStart: number;
  windowEnd: number;
  tradeCount: number;
  open: string;
  close: string;
}

const SYNC_WITHIN_MS = 60_000;
/** Compose's start order: what each service waits for to be healthy (depends_on) comes first. */
const START_ORDER = [['simulator'], ['producer'], ['orderbook', 'aggregator', 'gateway']];

/**
 * docker-compose.yml, run without Docker: every app service's command (the compiled app from
 * dist/, as the image runs it) with exactly the environment compose resolves for it, host names
 * mapped to this machine (kafka → the test broker, postgres and redis → the local servers with
 * this run's schema and key prefix, simulator → its loopback port) and ports to free ones. The
 * symbols are this run's own (set as a user sets SYMBOLS for compose), so no other test's events
 * on the shared broker mix in. Within 60 s the books must sync against the simulator service and
 * every kind of market data reach the gateway; then, with the market paused, what the gateway
 * serves must be the simulator's true state: the book at the same update id, the best prices, the
 * latest trades, and the latest minute's trade count, open and close.
 */
describe('docker-compose.yml on this machine', () => {
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const symbols = [`S${tag}USDT`, `T${tag}USDT`];
  const urls = new Map<string, string>();
  const processes = new Map<string, AppProcess>();
  let apps: ComposeApp[];
  let startedAt: number;
  /** Per symbol, the newest trade the simulator made before the producer listened (or 0). */
  const unseenUpTo = new Map<string, number>();

  const url = (service: string) => urls.get(service)!;
  const getJson = async <T>(service: string, path: string): Promise<T> => {
    const response = await fetch(`${url(service)}${path}`, { signal: AbortSignal.timeout(5000) });
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const post = (service: string, path: string) =>
    fetch(`${url(service)}${path}`, { method: 'POST', signal: AbortSignal.timeout(5000) });

  /** Polls until `probe` returns a value (not undefined, no error), or fails with the apps' logs. */
  async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    let last = 'nothing yet';
    while (Date.now() < startedAt + SYNC_WITHIN_MS) {
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(250);
    }
    const logs = [...processes].map(([service, app]) => `--- ${service}\n${app.logs.slice(-1500)}`);
    throw new Error(
      `${what} not within ${SYNC_WITHIN_MS} ms of start; last: ${last}\n${logs.join('\n')}`,
    );
  }

  beforeAll(async () => {
    const compose = composeConfig(COMPOSE_FILE, { SYMBOLS: symbols.join(',') });
    apps = composeApps(compose);
    expect(apps.map((app) => app.service).sort()).toEqual(START_ORDER.flat().sort());
    const ports = new Map<string, number>();
    for (const app of apps) ports.set(app.service, await freePort());
    const simulator = apps.find((app) => app.service === 'simulator')!;
    const hosts = new Map([
      ['kafka:9092', process.env.TEST_KAFKA_BROKERS!],
      [`simulator:${simulator.port}`, `127.0.0.1:${ports.get('simulator')}`],
    ]);
    const services = {
      hosts,
      databaseUrl: DATABASE_URL,
      redisUrl: REDIS_URL,
      isolation: {
        KAFKA_CLIENT_PREFIX: uniqueRunId('compose'),
        CACHE_KEY_PREFIX: `${uniqueRunId('compose')}:`,
        DATABASE_SCHEMA: uniqueRunId('compose'),
      },
    };
    startedAt = Date.now();
    for (const group of START_ORDER) {
      const started = group.map((service) => {
        const app = apps.find((candidate) => candidate.service === service)!;
        const env = { ...localEnv(app, services), PORT: String(ports.get(service)) };
        urls.set(service, `http://127.0.0.1:${ports.get(service)}`);
        processes.set(service, AppProcess.start(app.app, env));
        return waitForStatus(`${url(service)}/health/ready`, 200, SYNC_WITHIN_MS);
      });
      await Promise.all(started);
      // The market holds still until the producer streams every symbol's trades, so that every
      // trade from then on is one the aggregator must count (ground truth for the minute stats).
      if (group.includes('simulator'))
        expect((await post('simulator', '/debug/pause')).status).toBe(200);
    }
    await eventually('the producer subscribed to every trade stream', async () => {
      const connections = await getJson<{ streams: string[] }[]>('simulator', '/debug/connections');
      const streams = new Set(connections.flatMap((connection) => connection.streams));
      return symbols.every((symbol) => streams.has(`${symbol.toLowerCase()}@trade`))
        ? true
        : undefined;
    });
    for (const symbol of symbols) {
      const made = await getJson<SimulatorTrade[]>(
        'simulator',
        `/api/v3/trades?symbol=${symbol}&limit=1`,
      );
      unseenUpTo.set(symbol, made.at(-1)?.id ?? 0);
    }
    expect((await post('simulator', '/debug/resume')).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await AppProcess.stopAll();
  });

  it('gives the producer and the orderbook the simulator service, and SYMBOLS to both', () => {
    const env = (service: string) => apps.find((app) => app.service === service)!.env;
    expect(env('simulator').get('SYMBOLS')).toBe(symbols.join(','));
    expect(env('producer').get('SYMBOLS')).toBe(symbols.join(','));
    expect(env('producer').get('EXCHANGE_WS_URL')).toBe('ws://simulator:3004');
    expect(env('orderbook').get('EXCHANGE_REST_URL')).toBe('http://simulator:3004');
  });

  it('syncs the books and brings tickers, trades, minute stats, swaps and WebSocket trades to the gateway within 60 s', async () => {
    const client = await WsTestClient.connect(`${url('gateway').replace('http', 'ws')}/ws`);
    client.send({ op: 'subscribe', channel: `trades:${symbols[0]}`, id: 1 });
    for (const symbol of symbols) {
      await eventually(`${symbol} book synced on the orderbook`, () =>
        getJson<Book>('orderbook', `/v1/books/${symbol}?depth=5`),
      );
      const book = await eventually(`${symbol} book on the gateway`, () =>
        getJson<Book>('gateway', `/v1/book/${symbol}`),
      );
      expect(book.bids.length).toBeGreaterThan(0);
      await eventually(`${symbol} ticker`, async () => {
        const ticker = await getJson<{ bidPrice: string | null; lastPrice: string | null }>(
          'gateway',
          `/v1/ticker/${symbol}`,
        );
        return ticker.bidPrice !== null && ticker.lastPrice !== null ? ticker : undefined;
      });
      await eventually(`${symbol} trades`, async () => {
        const trades = await getJson<Trade[]>('gateway', `/v1/trades/${symbol}`);
        return trades.length > 0 ? trades : undefined;
      });
      const stats = await eventually(`${symbol} minute stats`, () =>
        getJson<{ pair: string; window: string; tradeCount: number }>(
          'gateway',
          `/v1/stats?pair=${symbol}&window=1m`,
        ),
      );
      expect([stats.pair, stats.window]).toEqual([symbol, '1m']);
      expect(stats.tradeCount).toBeGreaterThan(0);
    }
    const swaps = await eventually('DEX swap stats', () =>
      getJson<{ market: string; tradeCount: number }>(
        'gateway',
        `/v1/stats?pair=${encodeURIComponent('WETH/USDC')}&window=1m`,
      ),
    );
    expect(swaps.market).toBe('dex');
    const [frame] = await client.waitFor(
      (candidate) => candidate.type === 'update',
      1,
      Math.max(1000, startedAt + SYNC_WITHIN_MS - Date.now()),
    );
    await client.close();
    // The trade the WebSocket pushed is one the simulator made, to the digit.
    const pushed = frame.data as Trade & { symbol: string };
    expect(pushed.symbol).toBe(symbols[0]);
    const made = await getJson<SimulatorTrade[]>(
      'simulator',
      `/api/v3/trades?symbol=${symbols[0]}&limit=1000`,
    );
    const same = made.find((trade) => trade.id === pushed.tradeId);
    expect(same && [same.price, same.qty]).toEqual([pushed.price, pushed.qty]);
    process.stdout.write(
      `compose-local: everything at the gateway ${Date.now() - startedAt} ms after start\n`,
    );
  }, 90_000);

  it('serves the simulator’s true book, best prices, latest trades and minute stats once the market is paused', async () => {
    expect((await post('simulator', '/debug/pause')).status).toBe(200);
    try {
      await sleep(1500); // the diffs batched before the pause go out (100 ms batches)
      for (const symbol of symbols) {
        const truth = await getJson<Book>('simulator', `/debug/book?symbol=${symbol}&limit=20`);
        const book = await waitForValue(
          () => getJson<Book>('gateway', `/v1/book/${symbol}`),
          (candidate) => candidate.lastUpdateId === truth.lastUpdateId,
        );
        expect(book).toMatchObject({
          lastUpdateId: truth.lastUpdateId,
          bids: truth.bids,
          asks: truth.asks,
        });

        const top = await getJson<{
          bidPrice: string;
          bidQty: string;
          askPrice: string;
          askQty: string;
        }>('simulator', `/api/v3/ticker/bookTicker?symbol=${symbol}`);
        const ticker = await waitForValue(
          () =>
            getJson<{ updateId: number; bidPrice: string; askPrice: string }>(
              'gateway',
              `/v1/ticker/${symbol}`,
            ),
          (candidate) => candidate.updateId === truth.lastUpdateId,
        );
        expect([ticker.bidPrice, ticker.askPrice]).toEqual([top.bidPrice, top.askPrice]);

        const made = await getJson<SimulatorTrade[]>(
          'simulator',
          `/api/v3/trades?symbol=${symbol}&limit=20`,
        );
        const newest = made.at(-1)!.id;
        const served = await waitForValue(
          () => getJson<Trade[]>('gateway', `/v1/trades/${symbol}?limit=20`),
          (candidate) => candidate[0]?.tradeId === newest,
        );
        // The gateway's newest first; the exchange's oldest first. The simulator trades from its
        // start, so on a loaded machine its first trades may predate the producer's subscription:
        // from the oldest served on, every trade made, exactly and without a gap.
        const oldestServed = served.at(-1)!.tradeId;
        expect(served.map((trade) => [trade.tradeId, trade.price, trade.qty])).toEqual(
          [...made]
            .filter((trade) => trade.id >= oldestServed)
            .reverse()
            .map((trade) => [trade.id, trade.price, trade.qty]),
        );

        // The latest minute's statistics, against the simulator's own trades of that minute.
        const all = await getJson<SimulatorTrade[]>(
          'simulator',
          `/api/v3/trades?symbol=${symbol}&limit=1000`,
        );
        expect(all[0].id).toBeLessThanOrEqual(unseenUpTo.get(symbol)! + 1); // none beyond reach
        const stats = await getJson<MinuteStats>('gateway', `/v1/stats?pair=${symbol}&window=1m`);
        const inMinute = all.filter(
          (trade) =>
            trade.id > unseenUpTo.get(symbol)! &&
            trade.time >= stats.windowStart &&
            trade.time < stats.windowEnd,
        );
        expect(inMinute.length).toBeGreaterThan(0);
        const counted = await waitForValue(
          () => getJson<MinuteStats>('gateway', `/v1/stats?pair=${symbol}&window=1m`),
          (candidate) => candidate.tradeCount === inMinute.length,
        );
        // The aggregator's figures are canonical decimals (1000.00 → 1000), equal in value.
        expect([counted.windowStart, counted.tradeCount, counted.open, counted.close]).toEqual([
          stats.windowStart,
          inMinute.length,
          canonicalDecimal(inMinute[0].price),
          canonicalDecimal(inMinute.at(-1)!.price),
        ]);
      }
    } finally {
      await post('simulator', '/debug/resume');
    }
  }, 60_000);
});

/** Polls `read` until `done` holds (15 s at most), returning the last value either way. */
async function waitForValue<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(200);
    value = await read();
  }
  return value;
}
