import { BinanceResponseError, parseDepthSnapshot, REST_WEIGHTS } from './binance-rest-types';

// The one weight table: the client paces by it, the order books budget by it, the simulator charges it.
describe('REST_WEIGHTS', () => {
  it.each([
    [1, 5],
    [100, 5],
    [101, 25],
    [500, 25],
    [501, 50],
    [1000, 50],
    [1001, 250],
    [5000, 250],
  ])('GET /api/v3/depth with limit %i weighs %i', (limit, weight) =>
    expect(REST_WEIGHTS.depth(limit)).toBe(weight),
  );

  it('weighs 24 h tickers by how many symbols are asked for', () => {
    expect([1, 20, 21, 100, 101, 'all' as const].map(REST_WEIGHTS.ticker24h)).toEqual([
      2, 40, 40, 40, 80, 80,
    ]);
  });
});

describe(parseDepthSnapshot.name, () => {
  it('accepts Binance’s depth answer and refuses anything else, naming the symbol', () => {
    const body = { lastUpdateId: 7, bids: [['1.0', '2.0']], asks: [] };
    expect(parseDepthSnapshot(body, 'BTCUSDT')).toEqual(body);
    for (const bad of [
      null,
      { lastUpdateId: '7', bids: [], asks: [] },
      { lastUpdateId: 7, bids: [[1, 2]], asks: [] },
    ]) {
      expect(() => parseDepthSnapshot(bad, 'BTCUSDT')).toThrow(
        new BinanceResponseError('depth BTCUSDT: response is not {lastUpdateId, bids, asks}'),
      );
    }
  });
});
