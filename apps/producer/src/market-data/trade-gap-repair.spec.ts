import { TradeEvent } from '@app/contracts';
import { TradeGap, TradeGapRepair, TradeGapRepairOptions } from './trade-gap-repair';

const trade = (id: number, receivedAt = id): TradeEvent => ({
  source: 'binance',
  symbol: 'BTCUSDT',
  tradeId: id,
  aggregate: false,
  price: `100.${id}`,
  qty: '1.5',
  buyerIsMaker: id % 2 === 0,
  tradeTime: 1_700_000_000_000 + id,
  exchangeTime: 1_700_000_000_000 + id,
  receivedAt,
  producedAt: receivedAt,
});
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The exchange's history: aggregate trades `kept[0]`..`kept[1]`, served 1000 at most per call. */
function harness(kept: [number, number], options: Partial<TradeGapRepairOptions> = {}) {
  const published: { a: number; receivedAt: number; repaired: boolean }[] = [];
  const gaps: TradeGap[] = [];
  const calls: [number, number][] = [];
  const repair = new TradeGapRepair({
    fetch: (_symbol, fromId, limit) => {
      calls.push([fromId, limit]);
      const first = Math.max(fromId, kept[0]);
      return Promise.resolve(
        ids(first, Math.min(first + limit - 1, kept[1])).map((id) => trade(id, 42)),
      );
    },
    publish: (t, repaired) => published.push({ a: t.tradeId, receivedAt: t.receivedAt, repaired }),
    unrepaired: (gap) => gaps.push(gap),
    ...options,
  });
  const live = (...list: number[]) => list.forEach((id) => repair.accept(trade(id)));
  return { repair, live, published, gaps, calls };
}

describe(TradeGapRepair.name, () => {
  it('passes a contiguous stream straight on and drops ids already passed', () => {
    const { live, published, calls } = harness([0, 1e9]);
    live(5, 6, 6, 7, 5);
    expect(published).toEqual([5, 6, 7].map((a) => ({ a, receivedAt: a, repaired: false })));
    expect(calls).toEqual([]);
  });

  it('fetches what the stream skipped, publishes it in order, then the live trades held meanwhile', async () => {
    const { repair, live, published, gaps, calls } = harness([0, 1e9]);
    live(1, 2, 2503, 2504);
    live(2505);
    await repair.settled();
    expect(published.map((p) => p.a)).toEqual(ids(1, 2505));
    expect(published.slice(2, 2502).every((p) => p.repaired && p.receivedAt === 42)).toBe(true);
    expect(published.slice(2502).map((p) => p.repaired)).toEqual([false, false, false]);
    expect(calls).toEqual([
      [3, 1000],
      [1003, 1000],
      [2003, 500],
    ]);
    expect(gaps).toEqual([]);
  });

  it('reports as a gap the part the exchange no longer keeps, with the times either side', async () => {
    const { repair, live, published, gaps } = harness([8, 1e9]);
    live(1, 12);
    await repair.settled();
    expect(published.map((p) => p.a)).toEqual([1, 8, 9, 10, 11, 12]);
    expect(gaps).toEqual([
      {
        symbol: 'BTCUSDT',
        fromId: 2,
        toId: 7,
        afterTime: trade(1).tradeTime,
        beforeTime: trade(8).tradeTime,
        reason: 'no longer kept by the exchange',
      },
    ]);
  });

  it('reports the whole gap when REST fails, then carries on live', async () => {
    const { repair, live, published, gaps } = harness([0, 1e9], {
      fetch: () => Promise.reject(new Error('/api/v3/aggTrades answered 503')),
    });
    live(1, 5, 6);
    await repair.settled();
    live(7);
    expect(published.map((p) => p.a)).toEqual([1, 5, 6, 7]);
    expect(gaps).toEqual([
      expect.objectContaining({
        fromId: 2,
        toId: 4,
        reason: 'REST failed: /api/v3/aggTrades answered 503',
      }),
    ]);
  });

  it('repairs a second gap among the trades held during the first', async () => {
    const { repair, live, published, gaps } = harness([0, 1e9]);
    live(1, 4, 5, 9);
    await repair.settled();
    expect(published.map((p) => p.a)).toEqual(ids(1, 9));
    expect(published.filter((p) => p.repaired).map((p) => p.a)).toEqual([2, 3, 6, 7, 8]);
    expect(gaps).toEqual([]);
  });

  it('repairs at most maxRepairTrades and reports the rest', async () => {
    const { repair, live, published, gaps } = harness([0, 1e9], { maxRepairTrades: 3 });
    live(1, 10);
    await repair.settled();
    expect(published.map((p) => p.a)).toEqual([1, 2, 3, 4, 10]);
    expect(gaps).toEqual([
      expect.objectContaining({ fromId: 5, toId: 9, reason: 'wider than 3 trades' }),
    ]);
  });

  it('reports what the exchange does not return (a history that ends early)', async () => {
    const { repair, live, published, gaps } = harness([0, 3]);
    live(1, 10);
    await repair.settled();
    expect(published.map((p) => p.a)).toEqual([1, 2, 3, 10]);
    expect(gaps).toEqual([
      expect.objectContaining({ fromId: 4, toId: 9, reason: 'not returned by the exchange' }),
    ]);
  });

  it('cuts a repair short when more live trades wait than it may hold', async () => {
    let release: () => void = () => undefined;
    const { repair, live, published, gaps } = harness([0, 1e9], {
      maxHeldTrades: 2,
      fetch: (_s, fromId) =>
        new Promise((resolve) => {
          release = () => resolve(ids(fromId, fromId + 1).map((id) => trade(id)));
        }),
    });
    live(1, 100, 101, 102);
    release();
    await repair.settled();
    expect(published.map((p) => p.a)).toEqual([1, 2, 3, 100, 101, 102]);
    expect(gaps).toEqual([
      expect.objectContaining({ fromId: 4, toId: 99, reason: 'live trades held past 2' }),
    ]);
  });
});
