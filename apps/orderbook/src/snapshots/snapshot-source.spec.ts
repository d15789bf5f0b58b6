import { BinanceResponseError } from '@app/exchange';
import { SnapshotFetchError } from '@app/orderbook';
import { BinanceSnapshotSource } from './snapshot-source';

/** A stub exchange answering every request with `reply`, recording the URLs asked for. */
function exchange(status: number, body: unknown, headers: Record<string, string> = {}) {
  const urls: string[] = [];
  const fetchStub = (input: string | URL | Request): Promise<Response> => {
    urls.push(input instanceof Request ? input.url : input.toString());
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers }));
  };
  return { urls, fetch: fetchStub };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe(BinanceSnapshotSource.name, () => {
  it('asks /api/v3/depth through the shared client and returns its snapshot', async () => {
    const snapshot = { lastUpdateId: 7, bids: [['1.0', '2.0']], asks: [] };
    const stub = exchange(200, snapshot);
    const source = new BinanceSnapshotSource('http://exchange.test', stub);

    await expect(source.fetchDepth('BTCUSDT', 100)).resolves.toEqual(snapshot);
    expect(stub.urls).toEqual(['http://exchange.test/api/v3/depth?symbol=BTCUSDT&limit=100']);
  });

  it("hands a 429's Retry-After on as the wait, without retrying itself", async () => {
    const stub = exchange(
      429,
      { code: -1003, msg: 'Too much request weight used' },
      {
        'Retry-After': '7',
      },
    );
    const source = new BinanceSnapshotSource('http://exchange.test', stub);

    const error = await failureOf(source.fetchDepth('BTCUSDT', 5000));
    expect(error).toEqual(new SnapshotFetchError('depth BTCUSDT: HTTP 429', 7_000));
    expect((error as SnapshotFetchError).retryAfterMs).toBe(7_000);
    expect(stub.urls).toHaveLength(1);
  });

  it('stays away a minute after a 418 without a usable Retry-After', async () => {
    const source = new BinanceSnapshotSource('http://exchange.test', exchange(418, {}));

    const error = await failureOf(source.fetchDepth('ETHUSDT', 5000));
    expect(error).toEqual(new SnapshotFetchError('depth ETHUSDT: HTTP 418', 60_000));
    expect((error as SnapshotFetchError).retryAfterMs).toBe(60_000);
  });

  it("names another refusal with the exchange's message and no wait", async () => {
    const stub = exchange(400, { code: -1121, msg: 'Invalid symbol.' });
    const source = new BinanceSnapshotSource('http://exchange.test', stub);

    const error = await failureOf(source.fetchDepth('NOPE', 5000));
    expect(error).toEqual(new SnapshotFetchError('depth NOPE: HTTP 400 Invalid symbol.'));
    expect((error as SnapshotFetchError).retryAfterMs).toBeUndefined();
  });

  it('refuses a body that is not a depth snapshot', async () => {
    const source = new BinanceSnapshotSource('http://exchange.test', exchange(200, { bids: [] }));

    await expect(source.fetchDepth('BTCUSDT', 5)).rejects.toThrow(
      new BinanceResponseError('depth BTCUSDT: response is not {lastUpdateId, bids, asks}'),
    );
  });

  it('fails without asking anything while the exchange URL is not known yet', async () => {
    const stub = exchange(200, {});
    let url: string | null = null;
    const source = new BinanceSnapshotSource(() => url, stub);

    await expect(source.fetchDepth('BTCUSDT', 5)).rejects.toThrow(
      new SnapshotFetchError("depth BTCUSDT: the exchange's REST URL is not known yet"),
    );
    expect(stub.urls).toEqual([]);
    url = 'http://later.test';
    await expect(source.fetchDepth('BTCUSDT', 5)).rejects.toThrow(BinanceResponseError);
    expect(stub.urls).toEqual(['http://later.test/api/v3/depth?symbol=BTCUSDT&limit=5']);
  });
});
