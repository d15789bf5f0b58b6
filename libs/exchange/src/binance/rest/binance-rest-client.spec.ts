import { BinanceRestClient } from './binance-rest-client';
import { BinanceHttpError } from './binance-rest-types';

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A scripted exchange: answers requests in order and records what was asked and when. */
function scriptedExchange(replies: Reply[]) {
  let clock = 1_700_000_000_000; // 20 s into a UTC minute
  const requests: { url: string; at: number }[] = [];
  const sleeps: number[] = [];
  let release: (() => void) | null = null;
  let holdSleeps = false;
  const fetchStub = (input: string | URL | Request): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    requests.push({ url, at: clock });
    const reply = replies.shift();
    if (!reply) throw new Error(`unexpected request ${url}`);
    return Promise.resolve(
      new Response(JSON.stringify(reply.body), { status: reply.status, headers: reply.headers }),
    );
  };
  const client = new BinanceRestClient({
    baseUrl: 'http://exchange.test',
    maxWeightPerMinute: 600,
    now: () => clock,
    sleep: (ms) => {
      sleeps.push(ms);
      const wake = () => {
        clock += ms;
      };
      if (!holdSleeps) return Promise.resolve(wake());
      return new Promise<void>((resolve) => {
        release = () => resolve(wake());
      });
    },
    fetch: fetchStub,
  });
  return {
    client,
    requests,
    sleeps,
    holdSleeps: () => {
      holdSleeps = true;
    },
    wakeUp: () => release?.(),
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const snapshot = { lastUpdateId: 160, bids: [['0.0024', '10']], asks: [['0.0026', '100']] };

describe(BinanceRestClient.name, () => {
  it('fetches a 5000-level depth snapshot and records the used weight header', async () => {
    const { client, requests } = scriptedExchange([
      { status: 200, body: snapshot, headers: { 'X-MBX-USED-WEIGHT-1M': '251' } },
    ]);

    await expect(client.depth('BNBBTC')).resolves.toEqual(snapshot);
    expect(requests.map((r) => r.url)).toEqual([
      'http://exchange.test/api/v3/depth?symbol=BNBBTC&limit=5000',
    ]);
    expect(client.usedWeight).toBe(251);
  });

  it('rejects a depth limit above 5000 without asking the exchange', async () => {
    const { client, requests } = scriptedExchange([]);

    await expect(client.depth('BNBBTC', 5001)).rejects.toThrow(
      'depth limit must be an integer from 1 to 5000 (got 5001)',
    );
    expect(requests).toHaveLength(0);
  });

  it('waits Retry-After on a 429, then retries, and pauses the requests queued behind it', async () => {
    const exchange = scriptedExchange([
      {
        status: 429,
        body: { code: -1003, msg: 'Too many requests' },
        headers: { 'Retry-After': '3' },
      },
      { status: 200, body: snapshot },
      { status: 200, body: [{ symbol: 'BNBBTC' }] },
    ]);
    const { client, requests, sleeps } = exchange;
    exchange.holdSleeps();

    const depthRequest = client.depth('BNBBTC', 100);
    await settle();
    const tickerRequest = client.ticker24h(['BNBBTC']);
    await settle();
    expect(requests).toHaveLength(1); // the ticker request waits behind the 429 pause
    exchange.wakeUp();
    const [depth, tickers] = await Promise.all([depthRequest, tickerRequest]);

    expect(depth).toEqual(snapshot);
    expect(tickers).toEqual([{ symbol: 'BNBBTC' }]);
    expect(sleeps).toEqual([3_000]);
    expect(requests.map((r) => r.at - requests[0].at)).toEqual([0, 3_000, 3_000]);
  });

  it('queues a request locally until the next minute rather than exceed the weight budget', async () => {
    const { client, requests, sleeps } = scriptedExchange([
      { status: 200, body: snapshot, headers: { 'X-MBX-USED-WEIGHT-1M': '500' } },
      { status: 200, body: snapshot, headers: { 'X-MBX-USED-WEIGHT-1M': '250' } },
    ]);

    await client.depth('BNBBTC', 5000);
    await client.depth('BNBBTC', 5000);

    expect(sleeps).toEqual([40_000]);
    expect(requests[1].at - requests[0].at).toBe(40_000);
  });

  it('gives up after the configured number of 429s with the exchange error', async () => {
    const limited = {
      status: 429,
      body: { code: -1003, msg: 'Way too many' },
      headers: { 'Retry-After': '1' },
    };
    const { client } = scriptedExchange(Array.from({ length: 6 }, () => limited));

    const error = await client.exchangeInfo().catch((e: unknown) => e);
    expect(error).toEqual(
      new BinanceHttpError(429, '/api/v3/exchangeInfo', -1003, 'Way too many', 1_000),
    );
    expect((error as BinanceHttpError).retryAfterMs).toBe(1_000);
  });

  it('passes other errors through at once, naming the path and the exchange code', async () => {
    const { client } = scriptedExchange([
      { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } },
    ]);

    await expect(client.trades('NOPE')).rejects.toThrow(
      '/api/v3/trades answered 400 (-1121): Invalid symbol.',
    );
  });

  it('gives up on a request the exchange does not answer within the timeout', async () => {
    const silent = (_input: string | URL | Request, init?: RequestInit): Promise<Response> =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
      );
    const client = new BinanceRestClient({
      baseUrl: 'http://exchange.test',
      timeoutMs: 20,
      fetch: silent,
    });

    await expect(client.depth('BNBBTC', 5)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(client.usedWeight).toBe(5); // charged: the exchange may have counted it
  });
});
