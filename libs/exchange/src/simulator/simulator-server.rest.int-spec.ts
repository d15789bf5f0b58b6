import { DEFAULT_SYMBOLS, MarketSimulator } from './market-simulator';
import { SimulatorServer } from './simulator-server';

// 1_700_000_010_000 ms is 30 s before a minute boundary: Retry-After is exactly 30.
const FIXED_NOW = 1_700_000_010_000;

async function get(url: string) {
  const response = await fetch(url);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    weight: response.headers.get('x-mbx-used-weight-1m'),
    retryAfter: response.headers.get('retry-after'),
  };
}

describe(`${SimulatorServer.name} REST`, () => {
  let server: SimulatorServer;
  let url: string;

  beforeEach(async () => {
    server = new SimulatorServer({
      simulator: new MarketSimulator([DEFAULT_SYMBOLS.BTCUSDT, DEFAULT_SYMBOLS.ETHUSDT], 42),
      eventsPerSecond: 50,
      weightPerMinute: 120,
      now: () => FIXED_NOW,
    });
    url = await server.listen();
  });

  afterEach(() => server.close());

  it('lists its symbols with tick and step sizes in exchangeInfo', async () => {
    const { status, body, weight } = await get(`${url}/api/v3/exchangeInfo`);
    expect(status).toBe(200);
    expect(weight).toBe('20');
    const symbols = body.symbols as {
      symbol: string;
      status: string;
      filters: Record<string, string>[];
    }[];
    expect(symbols.map((s) => [s.symbol, s.status])).toEqual([
      ['BTCUSDT', 'TRADING'],
      ['ETHUSDT', 'TRADING'],
    ]);
    expect(symbols[0].filters).toEqual([
      {
        filterType: 'PRICE_FILTER',
        minPrice: '0.01000000',
        maxPrice: '1000000.00000000',
        tickSize: '0.01000000',
      },
      {
        filterType: 'LOT_SIZE',
        minQty: '0.00001000',
        maxQty: '9000.00000000',
        stepSize: '0.00001000',
      },
    ]);
  });

  it('answers depth with the true book and charges its documented weight', async () => {
    await fetch(`${url}/debug/pause`, { method: 'POST' });
    const depth = await get(`${url}/api/v3/depth?symbol=BTCUSDT&limit=5`);
    expect(depth.weight).toBe('5');
    const truth = await get(`${url}/debug/book?symbol=BTCUSDT&limit=5`);
    expect(depth.body).toEqual({
      lastUpdateId: truth.body.lastUpdateId,
      bids: truth.body.bids,
      asks: truth.body.asks,
    });
    expect((depth.body.bids as string[][]).length).toBe(5);
    expect((await get(`${url}/api/v3/depth?symbol=BTCUSDT&limit=101`)).weight).toBe('30');
  });

  it('refuses bad parameters with Binance error bodies', async () => {
    expect(await get(`${url}/api/v3/depth?symbol=NOPE`)).toMatchObject({
      status: 400,
      body: { code: -1121, msg: 'Invalid symbol.' },
    });
    expect((await get(`${url}/api/v3/depth?symbol=btc$usdt`)).body.code).toBe(-1100);
    expect((await get(`${url}/api/v3/depth?symbol=BTCUSDT&limit=ten`)).body).toEqual({
      code: -1100,
      msg: "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.",
    });
    expect((await get(`${url}/api/v3/depth`)).body.code).toBe(-1102);
  });

  it('serves tickers, trades, bookTicker, ping and time', async () => {
    await fetch(`${url}/debug/pause`, { method: 'POST' });
    expect((await get(`${url}/api/v3/ping`)).body).toEqual({});
    expect((await get(`${url}/api/v3/time`)).body).toEqual({ serverTime: FIXED_NOW });
    const ticker = (await get(`${url}/api/v3/ticker/24hr?symbol=ETHUSDT`)).body;
    expect(ticker).toMatchObject({ symbol: 'ETHUSDT', openPrice: '3400.00', openTime: FIXED_NOW });
    const all = await get(`${url}/api/v3/ticker/24hr`);
    expect(all.weight).toBe('84'); // ping 1 + time 1 + one ticker 2 + all tickers 80
    const book = (await get(`${url}/debug/book?symbol=ETHUSDT&limit=1`)).body as {
      bids: string[][];
      asks: string[][];
    };
    const bookTicker = (await get(`${url}/api/v3/ticker/bookTicker?symbol=ETHUSDT`)).body;
    expect([
      bookTicker.bidPrice,
      bookTicker.bidQty,
      bookTicker.askPrice,
      bookTicker.askQty,
    ]).toEqual([...book.bids[0], ...book.asks[0]]);
    expect(Array.isArray((await get(`${url}/api/v3/trades?symbol=ETHUSDT&limit=3`)).body)).toBe(
      true,
    );
  });

  it('answers 429 with Retry-After over the weight limit, then 418 to a client that keeps going', async () => {
    expect((await get(`${url}/api/v3/depth?symbol=BTCUSDT&limit=1000`)).weight).toBe('50');
    expect((await get(`${url}/api/v3/depth?symbol=BTCUSDT&limit=1000`)).weight).toBe('100');
    const limited = await get(`${url}/api/v3/depth?symbol=BTCUSDT&limit=1000`);
    expect([limited.status, limited.retryAfter, limited.weight, limited.body.code]).toEqual([
      429,
      '30',
      '100',
      -1003,
    ]);
    const banned = await get(`${url}/api/v3/ping`);
    expect([banned.status, banned.retryAfter, banned.body.code]).toEqual([418, '120', -1003]);
  });

  it('injects 429s on the next N calls and slow snapshots at run time', async () => {
    await fetch(`${url}/debug/faults`, {
      method: 'POST',
      body: JSON.stringify({ rest429: { count: 2, retryAfterSec: 7 } }),
    });
    const first = await get(`${url}/api/v3/ping`);
    const second = await get(`${url}/api/v3/ping`);
    expect([first.status, first.retryAfter, second.status, second.retryAfter]).toEqual([
      429,
      '7',
      429,
      '7',
    ]);
    expect((await get(`${url}/api/v3/ping`)).status).toBe(200);
    await fetch(`${url}/debug/faults`, {
      method: 'POST',
      body: JSON.stringify({ snapshotDelayMs: 300 }),
    });
    const started = performance.now();
    expect((await get(`${url}/api/v3/depth?symbol=BTCUSDT&limit=5`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await get(`${url}/debug/faults`)).body).toEqual({
      droppedDiffs: 0,
      duplicatedDiffs: 0,
      droppedTrades: 0,
      droppedAggTrades: 0,
      rest429s: 2,
    });
  });
});
