import { REST_WEIGHTS } from './binance-rest-types';

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
