import { compareDecimals, subtractDecimals } from '@app/decimal';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { WsTestClient } from '../../../test/support/ws-test-client';

interface Book {
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

interface Stats {
  pair: string;
  market: string;
  tradeCount: number;
  baseVolume: string;
}

interface Listing {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  filters: { filterType: string; tickSize?: string; stepSize?: string }[];
}

interface Figures {
  symbol: string;
  lastPrice: string;
  volume: string;
  quoteVolume: string;
}

interface Trade {
  tradeId: number;
  qty: string;
}

/** Sum of decimal strings, exactly (scaled BigInts), for comparing with `compareDecimals`. */
function sumDecimals(values: readonly string[]): string {
  const SCALE = 18;
  let units = 0n;
  for (const value of values) {
    const [whole, fraction = ''] = value.split('.');
    units += BigInt(whole + fraction.padEnd(SCALE, '0'));
  }
  const digits = units.toString().padStart(SCALE + 1, '0');
  return `${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
}

/**
 * `npm start`'s process: everything in one (producer with the simulator and the simulated chain,
 * order books, aggregator, gateway), with PGlite persisted in DATA_DIR. The simulator's URL is in
 * the log, so its true book (`/debug/book`) is the ground truth the served book must equal.
 */
describe('embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'marketstream-embedded-'));
  let port: number;
  let app: AppProcess;
  let simulator: string;
  /** BTCUSDT's 24 h figures when the first run stopped, with the market paused. */
  let before: Stats;

  beforeAll(async () => {
    port = await freePort();
  });

  afterAll(async () => {
    await AppProcess.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (path: string) => `http://127.0.0.1:${port}${path}`;

  async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: (await response.json()) as T };
  }

  async function start(): Promise<AppProcess> {
    const started = AppProcess.start('embedded', {
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      DEX_SIM_BLOCK_TIME_MS: '1000', // swaps count once mined: a block a second
      MARKETS_REFRESH_MS: '500',
    });
    await started.waitForOutput(/health: +http:\/\/127\.0\.0\.1:\d+\/health\/ready/, 90_000);
    const [, url] = await started.waitForOutput(/symbols .* from (http:\/\/127\.0\.0\.1:\d+)/);
    simulator = url;
    return started;
  }

  /** Polls until `get` answers 200 and `accept` takes the body. */
  async function eventually<T>(
    url: string,
    accept: (body: T) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const { status, body } = await getJson<T>(url);
      if (status === 200 && accept(body)) return body;
      last = `${status} ${JSON.stringify(body).slice(0, 300)}`;
      await sleep(250);
    }
    throw new Error(`${url} not as expected within ${timeoutMs} ms; last: ${last}`);
  }

  /** Stops the simulated market and waits until BTCUSDT's figures and trades no longer change. */
  async function pauseAndSettle(): Promise<{ stats: Stats; trades: Trade[] }> {
    expect((await fetch(`${simulator}/debug/pause`, { method: 'POST' })).status).toBe(200);
    let previous = '';
    for (;;) {
      await sleep(1000);
      const stats = await eventually<Stats>(api('/v1/stats?pair=BTCUSDT&window=24h'));
      const trades = (await getJson<Trade[]>(api('/v1/trades/BTCUSDT?limit=100'))).body;
      const now = JSON.stringify([stats, trades]);
      if (now === previous) return { stats, trades };
      previous = now;
    }
  }

  it('serves readiness, Swagger and live ticker frames', async () => {
    app = await start();
    expect(app.logs).toContain(`Swagger UI: http://127.0.0.1:${port}/docs`);
    expect(app.logs).toContain(`WebSocket:  ws://127.0.0.1:${port}/ws`);
    expect(app.logs).toContain('applied migrations 1, 2');

    await waitForStatus(api('/health/ready'), 200);
    const ready = (await getJson<{ details: object }>(api('/health/ready'))).body;
    expect(ready.details).toEqual({
      kafka: { status: 'up', transport: 'in-process' },
      postgres: { status: 'up', kind: 'pglite' },
      redis: { status: 'up', kind: 'memory' },
    });
    expect((await fetch(api('/docs'))).status).toBe(200);

    const client = await WsTestClient.connect(`ws://127.0.0.1:${port}/ws`);
    client.send({ op: 'subscribe', channel: 'ticker:ETHUSDT', id: 7 });
    const [update] = await client.waitFor((frame) => frame.type === 'update');
    await client.close();
    expect(update).toMatchObject({ channel: 'ticker:ETHUSDT', data: { symbol: 'ETHUSDT' } });
    expect(update.seq).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("keeps each order book equal to the simulator's true book", async () => {
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'BNBUSDT']) {
      // The market moves on meanwhile: compare a read bracketed by two equal true books.
      let matched: { ours: Book; truth: Book } | null = null;
      for (let attempt = 0; attempt < 100 && !matched; attempt++) {
        const truth = (await getJson<Book>(`${simulator}/debug/book?symbol=${symbol}&limit=100`))
          .body;
        const ours = await getJson<Book>(api(`/v1/books/${symbol}?depth=100`));
        const after = (await getJson<Book>(`${simulator}/debug/book?symbol=${symbol}&limit=100`))
          .body;
        if (ours.status === 200 && after.lastUpdateId === truth.lastUpdateId) {
          if (ours.body.lastUpdateId === truth.lastUpdateId) matched = { ours: ours.body, truth };
        }
        if (!matched) await sleep(100);
      }
      if (!matched) throw new Error(`${symbol}: no read caught the book at the true update id`);
      const { ours, truth } = matched;
      expect(ours).toEqual({
        symbol,
        lastUpdateId: truth.lastUpdateId,
        bids: truth.bids,
        asks: truth.asks,
      });
      expect(ours.bids).toHaveLength(100);
      // not crossed (compareDecimals returns a signed difference, not -1/0/1)
      expect(Math.sign(compareDecimals(ours.bids[0][0], ours.asks[0][0]))).toBe(-1);
    }
  }, 60_000);

  it('streams book:<SYMBOL> over WebSocket: a snapshot, then updates', async () => {
    const client = await WsTestClient.connect(`ws://127.0.0.1:${port}/ws`);
    client.send({ op: 'subscribe', channel: 'book:BTCUSDT', id: 1 });
    const [snapshot] = await client.waitFor((frame) => frame.type === 'snapshot', 1, 10_000);
    const updates = await client.waitFor((frame) => frame.type === 'update', 2, 20_000);
    await client.close();

    expect(snapshot).toMatchObject({ channel: 'book:BTCUSDT', data: { symbol: 'BTCUSDT' } });
    const [first, second] = updates.map((frame) => frame.data as Book);
    expect(second.lastUpdateId).toBeGreaterThan(first.lastUpdateId);
    expect(updates[1].seq).toBe((updates[0].seq as number) + 1);
    for (const book of [snapshot.data as Book, first, second]) {
      expect(book.bids).toHaveLength(20);
      expect(Math.sign(compareDecimals(book.bids[0][0], book.asks[0][0]))).toBe(-1);
    }
  }, 60_000);

  it('aggregates trades and swaps: stats for a symbol and a DEX pair over REST', async () => {
    const spot = await eventually<Stats>(api('/v1/stats?pair=BTCUSDT&window=1m'));
    expect(spot).toMatchObject({ pair: 'BTCUSDT', market: 'spot', window: '1m' });
    expect(spot.tradeCount).toBeGreaterThan(0);
    const dex = await eventually<Stats>(api(`/v1/stats?pair=${encodeURIComponent('WETH/USDC')}`));
    expect(dex).toMatchObject({ pair: 'WETH/USDC', market: 'dex', window: '24h' });
    expect(dex.tradeCount).toBeGreaterThan(0);
  }, 60_000);

  it("lists /v1/markets from the simulator's exchangeInfo and its 24 h tickers", async () => {
    const info = (await getJson<{ symbols: Listing[] }>(`${simulator}/api/v3/exchangeInfo`)).body;
    // While the market moves, the markets channel pushes each market whose figures moved.
    const client = await WsTestClient.connect(`ws://127.0.0.1:${port}/ws`);
    client.send({ op: 'subscribe', channel: 'markets' });
    const [snapshot] = await client.waitFor((frame) => frame.type === 'snapshot');
    const [update] = await client.waitFor((frame) => frame.type === 'update');
    await client.close();
    expect((snapshot.data as { symbol: string }[]).map((m) => m.symbol)).toEqual([
      'BNBUSDT',
      'BTCUSDT',
      'ETHUSDT',
    ]);
    const pushed = update.data as { symbol: string; lastPrice: string; tickSize: string };
    expect(['BNBUSDT', 'BTCUSDT', 'ETHUSDT']).toContain(pushed.symbol);
    expect(pushed.lastPrice).toMatch(/^\d+\.\d+$/);
    // The figures move with the market: paused, the next 24 h tickers are final.
    expect((await fetch(`${simulator}/debug/pause`, { method: 'POST' })).status).toBe(200);
    const tickers = (await getJson<Figures[]>(`${simulator}/api/v3/ticker/24hr`)).body;
    const expected = ['BNBUSDT', 'BTCUSDT', 'ETHUSDT'].map((symbol) => {
      const listed = info.symbols.find((s) => s.symbol === symbol)!;
      const ticker = tickers.find((t) => t.symbol === symbol)!;
      const filter = (type: string) => listed.filters.find((f) => f.filterType === type)!;
      return {
        source: 'simulator',
        symbol,
        status: 'TRADING',
        baseAsset: listed.baseAsset,
        quoteAsset: 'USDT',
        tickSize: filter('PRICE_FILTER').tickSize,
        stepSize: filter('LOT_SIZE').stepSize,
        lastPrice: ticker.lastPrice,
        volume: ticker.volume,
        quoteVolume: ticker.quoteVolume,
        priority: false, // no PRIORITY_SYMBOLS here
        followed: true,
      };
    });
    const figuresOf = (markets: Record<string, unknown>[]) =>
      JSON.stringify(
        markets.map(({ exchangeTime: _time, producedAt: _produced, ...rest }) => rest),
      );

    const markets = await eventually<Record<string, unknown>[]>(
      api('/v1/markets?quote=USDT&status=TRADING'),
      (body) => figuresOf(body) === JSON.stringify(expected),
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nexpected: ${JSON.stringify(expected)}`);
    });
    expect(markets.map((m) => m.symbol)).toEqual(['BNBUSDT', 'BTCUSDT', 'ETHUSDT']);
    expect((await fetch(`${simulator}/debug/resume`, { method: 'POST' })).status).toBe(200);
  }, 60_000);

  it('stops within 5 s of Ctrl-C', async () => {
    ({ stats: before } = await pauseAndSettle());
    expect(before.tradeCount).toBeGreaterThan(0);

    const stoppedAt = Date.now();
    expect(await app.stop('SIGINT')).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(app.logs).not.toMatch(/took longer than/);
  }, 60_000);

  it('keeps the figures in DATA_DIR across a restart and counts each new trade once', async () => {
    app = await start();
    expect(app.logs).toContain('schema is up to date');
    // A figure newer than the first run's means the restarted market has traded BTCUSDT.
    await eventually<Stats>(
      api('/v1/stats?pair=BTCUSDT&window=24h'),
      (stats) => stats.tradeCount > before.tradeCount,
    );
    const { stats: after, trades } = await pauseAndSettle();

    // The gateway's trade list lives in memory: it holds exactly the second run's trades.
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.length).toBeLessThan(100); // the list's limit: all of them are in it
    expect(after.tradeCount).toBe(before.tradeCount + trades.length);
    const added = subtractDecimals(after.baseVolume, before.baseVolume);
    expect(compareDecimals(added, sumDecimals(trades.map((t) => t.qty)))).toBe(0);
    // Offsets resumed where the first run stored them: no batch was found stale.
    expect(app.logs).not.toMatch(/stored offset/);
    expect(await app.stop('SIGTERM')).toBe(0);
  }, 150_000);
});
