import * as path from 'node:path';
import { RECORDINGS } from '../../../../test/support/recordings';
import { StreamKind } from '../simulator/market-feed';
import { ReplayFeed } from './replay-feed';

const day = (date: string) => path.join(RECORDINGS, 'binance-spot', date);

/** Replays a whole recording as fast as timers allow; returns what the feed pushed, in order. */
async function replayAll(feed: ReplayFeed) {
  const pushed: { symbol: string; kind: StreamKind; payload: Record<string, unknown> }[] = [];
  feed.start((symbol, kind, payload) =>
    pushed.push({ symbol, kind, payload: payload as Record<string, unknown> }),
  );
  while (!feed.finished) await new Promise((resolve) => setTimeout(resolve, 5));
  feed.stop();
  return pushed;
}

describe(ReplayFeed.name, () => {
  describe('a day recorded with the raw @trade stream and no snapshot (2024-08-09)', () => {
    let feed: ReplayFeed;

    beforeAll(async () => {
      feed = await ReplayFeed.open({ dir: day('2024-08-09'), speed: 1_000_000 });
    });

    it('serves the trade stream it was recorded with, and says no book can be synced', async () => {
      expect(feed.symbols).toEqual(['BTCUSDT', 'ETHUSDT']);
      expect(feed.tradeStreamOf('BTCUSDT')).toBe('trade');
      expect(feed.tradeStreamOf('ETHUSDT')).toBe('trade');
      expect(feed.symbolsWithoutSnapshot).toEqual(['BTCUSDT', 'ETHUSDT']);
      await expect(feed.depth('BTCUSDT', 100)).rejects.toThrow(
        'no depth snapshot was recorded for BTCUSDT: its book cannot be synced',
      );
    });

    it('pushes every recorded trade, bookTicker and diff, trades with their exchange ids', async () => {
      const pushed = await replayAll(feed);
      const count = (symbol: string, kind: StreamKind) =>
        pushed.filter((e) => e.symbol === symbol && e.kind === kind).length;
      const trades = (symbol: string) =>
        pushed.filter((e) => e.symbol === symbol && e.kind === 'trade').map((e) => e.payload);

      expect([count('BTCUSDT', 'trade'), count('BTCUSDT', 'bookTicker')]).toEqual([1093, 5081]);
      expect([count('ETHUSDT', 'trade'), count('ETHUSDT', 'bookTicker')]).toEqual([757, 3388]);
      expect([count('BTCUSDT', 'depth@100ms'), count('ETHUSDT', 'depth@100ms')]).toEqual([
        300, 299,
      ]);
      expect(pushed.filter((e) => e.kind === 'aggTrade')).toEqual([]);
      expect(trades('BTCUSDT')[0]).toEqual({
        e: 'trade',
        E: 1723161601438,
        s: 'BTCUSDT',
        t: 3735693016,
        p: '61685.99000000',
        q: '0.00017000',
        T: 1723161601437,
        m: true,
        M: true,
      });
      expect(trades('BTCUSDT').at(-1)).toMatchObject({ t: 3735694108, p: '61694.34000000' });
      expect(trades('ETHUSDT').map((t) => t.t)).toEqual(
        Array.from({ length: 757 }, (_, i) => 1520545031 + i),
      );
      // The REST view of the same replay: the latest trades, with the exchange's trade id.
      expect(feed.trades('ETHUSDT', 1)).toEqual([
        {
          id: 1520545787,
          price: '2682.30000000',
          qty: '0.00490000',
          time: 1723161630869,
          isBuyerMaker: false,
          isBestMatch: true,
        },
      ]);
    });
  });

  describe('a day recorded with @aggTrade and snapshots (2021-04-05)', () => {
    it('serves aggTrade where it was recorded, nothing where no trade was, and every snapshot', async () => {
      const feed = await ReplayFeed.open({ dir: day('2021-04-05') });

      expect(feed.tradeStreamOf('AXSBNB')).toBe('aggTrade');
      expect(feed.tradeStreamOf('NEOUSDC')).toBeNull();
      expect(feed.symbolsWithoutSnapshot).toEqual([]);
    });
  });

  it('names the directory it cannot read', async () => {
    const missing = path.join(RECORDINGS, 'binance-spot', '1999-01-01');
    await expect(ReplayFeed.open({ dir: missing })).rejects.toThrow(`ENOENT`);
    await expect(ReplayFeed.open({ dir: missing })).rejects.toThrow(missing);
  });
});
