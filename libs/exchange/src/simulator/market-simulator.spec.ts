import { depthSnapshot } from './binance-payloads';
import { DiffBatcher } from './diff-batcher';
import {
  DEFAULT_SYMBOLS,
  MarketSimulator,
  MarketStep,
  SimulatedSymbol,
  tradeIdsStartingAt,
} from './market-simulator';

const NOW = 1_700_000_000_000;
const SYMBOLS: SimulatedSymbol[] = [
  DEFAULT_SYMBOLS.BTCUSDT,
  DEFAULT_SYMBOLS.ETHUSDT,
  { symbol: 'SATUSDT', startTicks: 300, priceDecimals: 8, qtyDecimals: 0 },
];

function run(simulator: MarketSimulator, symbol: string, steps: number): MarketStep[] {
  const out: MarketStep[] = [];
  for (let i = 0; i < steps; i++) out.push(simulator.step(symbol, NOW + i));
  return out;
}

/** An independent copy of the book, rebuilt from the changes alone. */
function replayChanges(simulator: MarketSimulator, symbol: string, steps: MarketStep[]) {
  const seeded = new MarketSimulator(SYMBOLS, 7);
  const book = { bid: new Map<number, number>(), ask: new Map<number, number>() };
  for (const [t, l] of seeded.market(symbol).bids.levels()) book.bid.set(t, l);
  for (const [t, l] of seeded.market(symbol).asks.levels()) book.ask.set(t, l);
  for (const step of steps) {
    for (const c of step.changes) {
      if (c.lots === 0) book[c.side].delete(c.ticks);
      else book[c.side].set(c.ticks, c.lots);
    }
  }
  return book;
}

describe(MarketSimulator.name, () => {
  it('replays the identical run for the same seed, another for another seed', () => {
    const a = run(new MarketSimulator(SYMBOLS, 42), 'BTCUSDT', 2000);
    expect(run(new MarketSimulator(SYMBOLS, 42), 'BTCUSDT', 2000)).toEqual(a);
    expect(run(new MarketSimulator(SYMBOLS, 43), 'BTCUSDT', 2000)).not.toEqual(a);
  });

  it("keeps a symbol's run independent of the other symbols", () => {
    const alone = run(new MarketSimulator([DEFAULT_SYMBOLS.ETHUSDT], 42), 'ETHUSDT', 500);
    expect(run(new MarketSimulator(SYMBOLS, 42), 'ETHUSDT', 500)).toEqual(alone);
  });

  it('bumps the update id by exactly one per step that changed the book', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);
    let previous = simulator.market('BTCUSDT').updateId;
    for (const step of run(simulator, 'BTCUSDT', 3000)) {
      expect(step.updateId).toBe(previous + (step.changes.length > 0 ? 1 : 0));
      previous = step.updateId;
    }
    expect(previous).toBeGreaterThan(1_000_000 + 2900);
  });

  it('reports every book change: replaying the changes rebuilds the true book exactly', () => {
    const simulator = new MarketSimulator(SYMBOLS, 7);
    const steps = run(simulator, 'SATUSDT', 5000);
    const rebuilt = replayChanges(simulator, 'SATUSDT', steps);
    const market = simulator.market('SATUSDT');
    expect([...rebuilt.bid].sort((x, y) => y[0] - x[0])).toEqual(market.bids.levels());
    expect([...rebuilt.ask].sort((x, y) => x[0] - y[0])).toEqual(market.asks.levels());
  });

  it('never crosses the book and keeps prices on tick and sizes on step', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);
    for (let i = 0; i < 5000; i++) {
      const step = simulator.step('ETHUSDT', NOW + i);
      const market = simulator.market('ETHUSDT');
      expect(market.bids.best()!).toBeLessThan(market.asks.best()!);
      for (const change of step.changes) {
        expect(Number.isSafeInteger(change.ticks) && change.ticks > 0).toBe(true);
        expect(Number.isSafeInteger(change.lots) && change.lots >= 0).toBe(true);
      }
    }
    const snapshot = depthSnapshot(simulator.market('ETHUSDT'), 5);
    for (const [price, qty] of [...snapshot.bids, ...snapshot.asks]) {
      expect(price).toMatch(/^\d+\.\d{2}$/);
      expect(qty).toMatch(/^\d+\.\d{4}$/);
    }
  });

  it('moves the mid and concentrates churn near the touch', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);
    const mids = new Set<number>();
    let nearTouch = 0;
    let total = 0;
    for (let i = 0; i < 20_000; i++) {
      const step = simulator.step('BTCUSDT', NOW + i);
      const market = simulator.market('BTCUSDT');
      mids.add(market.bids.best()! + market.asks.best()!);
      for (const change of step.changes) {
        total++;
        const touch = change.side === 'bid' ? market.bids.best()! : market.asks.best()!;
        if (Math.abs(change.ticks - touch) <= 10) nearTouch++;
      }
    }
    expect(mids.size).toBeGreaterThan(50);
    expect(nearTouch / total).toBeGreaterThan(0.7);
  });

  it('executes trades against the touch: each fill removes exactly its size from the level', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);
    const market = simulator.market('BTCUSDT');
    let tradesSeen = 0;
    for (let i = 0; i < 5000; i++) {
      // A taker walks a few levels from the touch; a fill beyond these would fail the test (NaN).
      const before = {
        bid: new Map(market.bids.levels(200)),
        ask: new Map(market.asks.levels(200)),
      };
      const bestBefore = { bid: market.bids.best()!, ask: market.asks.best()! };
      const step = simulator.step('BTCUSDT', NOW + i);
      if (step.trades.length === 0) continue;
      tradesSeen += step.trades.length;
      const side = step.trades[0].buyerIsMaker ? 'bid' : 'ask';
      const filled = new Map<number, number>();
      for (const trade of step.trades)
        filled.set(trade.ticks, (filled.get(trade.ticks) ?? 0) + trade.lots);
      // The first fill is at the touch; the rest walk away from it.
      expect(step.trades[0].ticks).toBe(bestBefore[side]);
      for (const [ticks, lots] of filled) {
        const change = step.changes.find((c) => c.side === side && c.ticks === ticks)!;
        expect(change.lots).toBe(before[side].get(ticks)! - lots);
      }
    }
    expect(tradesSeen).toBeGreaterThan(500);
  });

  it('starts thousands of levels deep: every tick near the start price, sparser further out', () => {
    const market = new MarketSimulator(SYMBOLS, 42).market('ETHUSDT');
    const start = DEFAULT_SYMBOLS.ETHUSDT.startTicks;
    expect([market.bids.size, market.asks.size]).toEqual([5500, 5500]);
    const ticks = (side: 'bids' | 'asks') => market[side].levels().map(([t]) => t);
    expect(ticks('bids').slice(0, 200)).toEqual(
      Array.from({ length: 200 }, (_, n) => start - 1 - n),
    );
    expect(ticks('asks').slice(0, 200)).toEqual(
      Array.from({ length: 200 }, (_, n) => start + 1 + n),
    );
    expect(start - market.bids.worst()!).toBeGreaterThan(8000);
    expect(market.asks.worst()! - start).toBeGreaterThan(8000);
  });

  it('keeps at least minLevels a side, so a limit=5000 snapshot is always full', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);
    const market = simulator.market('BTCUSDT');
    let fewest = Number.POSITIVE_INFINITY;
    let restedDeep = 0;
    for (let i = 0; i < 100_000; i++) {
      const worst = { bid: market.bids.worst()!, ask: market.asks.worst()! };
      const step = simulator.step('BTCUSDT', NOW + i);
      fewest = Math.min(fewest, market.bids.size, market.asks.size);
      restedDeep += step.changes.filter((c) =>
        c.side === 'bid' ? c.ticks < worst.bid : c.ticks > worst.ask,
      ).length;
    }
    // Takers and cancels near the touch ate levels; as many deep orders replaced them.
    expect(restedDeep).toBeGreaterThan(100);
    expect(fewest).toBe(5500);
    const snapshot = depthSnapshot(market, 5000);
    expect([snapshot.bids.length, snapshot.asks.length]).toEqual([5000, 5000]);
  });

  it('rests deep orders beyond the worst level and cancels levels beyond maxLevels', () => {
    const options = { initialLevels: 30, minLevels: 25, maxLevels: 40 };
    const simulator = new MarketSimulator(SYMBOLS, 42, options);
    const market = simulator.market('BTCUSDT');
    const sizes = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const worstBid = market.bids.worst()!;
      const step = simulator.step('BTCUSDT', NOW + i);
      sizes.add(market.bids.size).add(market.asks.size);
      if (market.bids.worst()! < worstBid) {
        expect(step.changes).toContainEqual({
          side: 'bid',
          ticks: market.bids.worst()!,
          lots: market.bids.lotsAt(market.bids.worst()!),
        });
      }
    }
    expect(Math.min(...sizes)).toBe(25);
    expect(Math.max(...sizes)).toBe(40);
  });

  it('stops bids at one tick', () => {
    const market = new MarketSimulator(SYMBOLS, 7).market('SATUSDT');
    expect([market.bids.size, market.bids.worst(), market.asks.size]).toEqual([299, 1, 5500]);
  });

  it('refuses minLevels above maxLevels', () => {
    expect(() => new MarketSimulator(SYMBOLS, 7, { minLevels: 10, maxLevels: 9 })).toThrow(
      'BTCUSDT: minLevels 10 > maxLevels 9',
    );
  });
});

function applyLevels(side: Map<number, number>, levels: [number, number][]): void {
  for (const [ticks, lots] of levels) {
    if (lots === 0) side.delete(ticks);
    else side.set(ticks, lots);
  }
}

describe(DiffBatcher.name, () => {
  it('batches steps into contiguous U/u events whose levels rebuild the true book', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);
    const market = simulator.market('BTCUSDT');
    const start = depthSnapshot(market);
    const bids = new Map(market.bids.levels());
    const asks = new Map(market.asks.levels());
    const batcher = new DiffBatcher();
    let lastU = start.lastUpdateId;
    for (let batch = 0; batch < 200; batch++) {
      for (let i = 0; i < 17; i++) batcher.add(simulator.step('BTCUSDT', NOW));
      const diff = batcher.drain()!;
      expect(diff.U).toBe(lastU + 1);
      lastU = diff.u;
      applyLevels(bids, diff.bids);
      applyLevels(asks, diff.asks);
    }
    expect(lastU).toBe(market.updateId);
    expect([...bids].sort((x, y) => y[0] - x[0])).toEqual(market.bids.levels());
    expect([...asks].sort((x, y) => x[0] - y[0])).toEqual(market.asks.levels());
    expect(batcher.drain()).toBeNull();
  });

  it('numbers trades from firstTradeId, so a restarted simulator never repeats an id', () => {
    const trades = (firstTradeId?: number) =>
      run(new MarketSimulator(SYMBOLS, 7, { firstTradeId }), 'BTCUSDT', 200)
        .flatMap((step) => step.trades)
        .map((trade) => [trade.id, trade.aggId]);
    const fromOne = trades();
    expect(fromOne[0]).toEqual([1, 1]);
    const restarted = trades(tradeIdsStartingAt(NOW + 60_000));
    expect(restarted[0]).toEqual([1_700_000_060_000_000, 1_700_000_060_000_000]);
    expect(restarted.map(([id]) => id - 1_700_000_060_000_000 + 1)).toEqual(
      fromOne.map(([id]) => id),
    );
  });
});
