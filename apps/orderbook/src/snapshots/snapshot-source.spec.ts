import { SnapshotFetchError } from '@app/orderbook';
import { parseDepthSnapshot, retryAfterMs } from './snapshot-source';

describe(retryAfterMs.name, () => {
  it('reads seconds, or an HTTP date, and stays away a minute when told nothing usable', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(
      30_000,
    );
    expect(retryAfterMs(null)).toBe(60_000);
    expect(retryAfterMs('soon')).toBe(60_000);
  });
});

describe(parseDepthSnapshot.name, () => {
  it('accepts Binance’s response and refuses anything else with a SnapshotFetchError', () => {
    const body = { lastUpdateId: 7, bids: [['1.0', '2.0']], asks: [] };
    expect(parseDepthSnapshot(body, 'BTCUSDT')).toEqual(body);
    for (const bad of [
      null,
      { lastUpdateId: '7', bids: [], asks: [] },
      { lastUpdateId: 7, bids: [[1, 2]], asks: [] },
    ]) {
      expect(() => parseDepthSnapshot(bad, 'BTCUSDT')).toThrow(
        new SnapshotFetchError('depth BTCUSDT: response is not {lastUpdateId, bids, asks}'),
      );
    }
  });
});
