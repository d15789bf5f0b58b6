import { Spot, WebsocketStream } from '@binance/connector';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_SYMBOLS, MarketSimulator } from './market-simulator';
import { SimulatorServer } from './simulator-server';

// Clients nobody here wrote, pointed at the simulator: the official Binance connector for Node and
// ccxt's Binance order-book watcher. They must work unchanged, and ccxt's book must equal the truth.

const silent = { info() {}, warn() {}, error() {}, debug() {}, log() {} };
const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Book = { lastUpdateId: number; bids: string[][]; asks: string[][] };

describe('Binance clients against the simulator', () => {
  let server: SimulatorServer;

  beforeAll(async () => {
    server = new SimulatorServer({
      // ccxt's watchOrderBook snapshot is limit=1000: a book never deeper than that, so ccxt's
      // whole book must equal the whole true book (deeper books: simulator-consistency.int-spec).
      simulator: new MarketSimulator([DEFAULT_SYMBOLS.BTCUSDT, DEFAULT_SYMBOLS.ETHUSDT], 42, {
        minLevels: 500,
        maxLevels: 1000,
      }),
      eventsPerSecond: 100,
    });
    await server.listen();
  });

  afterAll(() => server.close());

  const truth = async (symbol: string): Promise<Book> =>
    (await (await fetch(`${server.url}/debug/book?symbol=${symbol}`)).json()) as Book;

  describe('@binance/connector', () => {
    it('reads exchangeInfo, depth, trades and tickers over REST with weight headers', async () => {
      const client = new Spot('', '', { baseURL: server.url, logger: silent });
      const tradesSoFar = async () =>
        ((await (await fetch(`${server.url}/api/v3/trades?symbol=BTCUSDT`)).json()) as unknown[])
          .length;
      while ((await tradesSoFar()) < 5) await sleep(100);
      expect((await client.ping()).data).toEqual({});
      const info = await client.exchangeInfo();
      expect(info.data.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
      const depth = await client.depth('BTCUSDT', { limit: 10 });
      expect([depth.data.bids.length, depth.data.asks.length]).toEqual([10, 10]);
      expect(depth.headers['x-mbx-used-weight-1m']).toMatch(/^\d+$/);
      expect((await client.ticker24hr('ETHUSDT')).data.symbol).toBe('ETHUSDT');
      expect((await client.bookTicker('ETHUSDT')).data.symbol).toBe('ETHUSDT');
      const trades = await client.trades('BTCUSDT', { limit: 5 });
      expect(trades.data.length).toBe(5);
    });

    it('receives diff depth, bookTicker and trade streams over a combined connection', async () => {
      const messages: { stream: string; data: Record<string, unknown> }[] = [];
      const stream = new WebsocketStream({
        wsURL: server.wsUrl,
        logger: silent,
        combinedStreams: true,
        callbacks: {
          message: (data) => messages.push(JSON.parse(data) as (typeof messages)[number]),
        },
      });
      stream.subscribe(['btcusdt@depth@100ms', 'btcusdt@bookTicker', 'btcusdt@trade']);
      for (let i = 0; i < 100 && new Set(messages.map((m) => m.stream)).size < 3; i++)
        await sleep(50);
      stream.disconnect();
      expect([...new Set(messages.map((m) => m.stream))].sort()).toEqual([
        'btcusdt@bookTicker',
        'btcusdt@depth@100ms',
        'btcusdt@trade',
      ]);
      const diffs = messages.filter((m) => m.stream === 'btcusdt@depth@100ms').map((m) => m.data);
      for (let i = 1; i < diffs.length; i++)
        expect(diffs[i].U).toBe((diffs[i - 1].u as number) + 1);
    });
  });

  describe('ccxt binance', () => {
    it("watchOrderBook's book equals the simulator's true book at a quiet moment", async () => {
      const probe = path.join(__dirname, 'testing/ccxt-book-probe.mjs');
      const { stdout } = await run(process.execPath, [probe, server.url, 'BTC/USDT'], {
        timeout: 60_000,
      });
      const book = JSON.parse(stdout) as { nonce: number; bids: number[][]; asks: number[][] };
      const expected = await truth('BTCUSDT');
      await fetch(`${server.url}/debug/resume`, { method: 'POST' });
      expect(book.nonce).toBe(expected.lastUpdateId);
      expect(book.bids.length).toBe(expected.bids.length);
      expect(book.asks.length).toBe(expected.asks.length);
      // ccxt holds numbers; the truth's decimal strings are parsed the same way.
      expect(book.bids).toEqual(expected.bids.map(([p, q]) => [Number(p), Number(q)]));
      expect(book.asks).toEqual(expected.asks.map(([p, q]) => [Number(p), Number(q)]));
    }, 90_000);
  });
});
