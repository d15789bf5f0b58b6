import { encodeEvent, SWAP_TOPIC } from '@app/contracts';
import { KNOWN_POOLS } from './pool-metadata';
import { SimulatedChain, SimulatedChainOptions } from './simulated-chain';
import { ChainSwap } from './swap-feed';
import { PoolState, swapExactIn } from './swap-math';

const START = 1_704_412_800_000;
const options: SimulatedChainOptions = {
  pools: KNOWN_POOLS,
  seed: 7,
  eventsPerSecond: 50,
  blockTimeMs: 2_000,
  startTimeMs: START,
  reorgRate: 0.2,
  duplicateRate: 0.05,
  reorderRate: 0.05,
};

const idOf = (swap: ChainSwap) => `${swap.txHash}:${swap.logIndex}`;

/** Two virtual minutes of the chain, in the order delivered. */
function run(overrides: Partial<SimulatedChainOptions> = {}): ChainSwap[] {
  const chain = new SimulatedChain({ ...options, ...overrides });
  const events: ChainSwap[] = [];
  for (let t = START; t <= START + 120_000; t += 1_000) events.push(...chain.advance(t));
  return events;
}

describe(SimulatedChain.name, () => {
  const events = run();
  const statuses = new Map<string, string[]>();
  for (const event of events) {
    statuses.set(idOf(event), [...(statuses.get(idOf(event)) ?? []), event.status]);
  }

  it('is the same for the same seed and different for another', () => {
    expect(JSON.stringify(run())).toBe(JSON.stringify(events));
    expect(JSON.stringify(run({ seed: 8 }))).not.toBe(JSON.stringify(events));
  });

  it('makes about the configured number of events per second', () => {
    const unique = new Set(
      events.filter((e) => e.status !== 'reorged').map((e) => `${idOf(e)}:${e.status}`),
    );
    // 50/s for 120 s: 6,000 pending and final events (the last block's swaps are still pending).
    expect(unique.size).toBeGreaterThan(5_800);
    expect(unique.size).toBeLessThanOrEqual(6_000);
  });

  it('finishes every pending swap as confirmed or failed (except those still in the mempool)', () => {
    const lastBlock = Math.max(
      ...events.filter((e) => e.status !== 'pending').map((e) => e.blockNumber),
    );
    for (const [id, seen] of statuses) {
      const block = events.find((e) => idOf(e) === id)?.blockNumber ?? 0;
      expect(seen).toContain('pending');
      if (block <= lastBlock) {
        expect([id, seen.filter((s) => s === 'confirmed' || s === 'failed').length > 0]).toEqual([
          id,
          true,
        ]);
      }
    }
    const failed = [...statuses.values()].filter((s) => s.includes('failed')).length;
    expect(failed).toBeGreaterThan(0);
  });

  it('reports some confirmed swaps as reorged, never a swap that was not confirmed', () => {
    const reorged = [...statuses.entries()].filter(([, seen]) => seen.includes('reorged'));

    expect(reorged.length).toBeGreaterThan(0);
    for (const [, seen] of reorged) expect(seen).toContain('confirmed');
    for (const [, seen] of statuses) {
      expect(seen.includes('failed') && seen.includes('confirmed')).toBe(false);
    }
  });

  it('delivers some events twice and some out of order, like a real feed', () => {
    const keys = events.map((e) => `${idOf(e)}:${e.status}`);
    expect(new Set(keys).size).toBeLessThan(keys.length);
    const outOfChainOrder = events.findIndex(
      (e, i) =>
        i + 1 < events.length &&
        e.status === 'pending' &&
        events[i + 1].status === 'pending' &&
        e.blockNumber === events[i + 1].blockNumber &&
        e.logIndex > events[i + 1].logIndex,
    );
    expect(outOfChainOrder).toBeGreaterThanOrEqual(0);
  });

  it('keeps the amounts consistent with the sqrtPrice moves: the canonical chain replays exactly', () => {
    const canonical = new Map<string, ChainSwap>();
    for (const event of events) {
      if (event.status === 'confirmed') canonical.set(idOf(event), event);
      if (event.status === 'reorged') canonical.delete(idOf(event));
    }
    const ordered = [...canonical.values()].sort(
      (a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex,
    );
    const state = new Map<string, PoolState>(KNOWN_POOLS.map((p) => [p.address, { ...p.start }]));
    for (const swap of ordered) {
      const before = state.get(swap.pool) as PoolState;
      const zeroForOne = BigInt(swap.amount0) > 0n;
      const amountIn = zeroForOne ? BigInt(swap.amount0) : BigInt(swap.amount1);
      const replayed = swapExactIn(before, zeroForOne, amountIn);
      expect([swap.amount0, swap.amount1, swap.sqrtPriceX96]).toEqual([
        replayed.amount0.toString(),
        replayed.amount1.toString(),
        replayed.sqrtPriceX96.toString(),
      ]);
      state.set(swap.pool, { ...before, sqrtPriceX96: replayed.sqrtPriceX96 });
    }
    expect(ordered.length).toBeGreaterThan(1_000);
  });

  it('produces events the dex.swap.v1 contract accepts, keyed by pool', () => {
    for (const event of events.slice(0, 500)) {
      expect(encodeEvent(SWAP_TOPIC, { ...event, producedAt: START }).key).toBe(event.pool);
    }
  });
});
