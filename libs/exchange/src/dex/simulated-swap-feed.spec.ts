import { KNOWN_POOLS } from './pool-metadata';
import { SimulatedSwapFeed } from './simulated-swap-feed';
import { ChainSwap } from './swap-feed';

const START = 1_795_461_000_000; // 2026-11-23T16:30:00Z

/** Every swap event a feed started at `startedAt` emits in its first minute. */
async function firstMinute(startedAt: number): Promise<ChainSwap[]> {
  let now = startedAt;
  const swaps: ChainSwap[] = [];
  const feed = new SimulatedSwapFeed(
    { pools: KNOWN_POOLS, seed: 42, eventsPerSecond: 17, blockTimeMs: 12_000 },
    () => now,
  );
  feed.start((batch) => swaps.push(...batch));
  for (let tick = 0; tick < 600; tick++) {
    now += 100;
    jest.advanceTimersByTime(100);
  }
  await feed.stop();
  return swaps;
}

describe(SimulatedSwapFeed.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts at the block the chain has reached by its start time', async () => {
    const swaps = await firstMinute(START);
    // 18,937,382 at 2024-01-05T00:00:00Z, one block per 12 s since.
    const firstBlock = 18_937_382 + Math.floor((START - 1_704_412_800_000) / 12_000);
    expect(swaps[0].blockNumber).toBe(firstBlock);
    expect(Math.max(...swaps.map((s) => s.blockNumber))).toBe(firstBlock + 4); // five blocks in a minute
  });

  it('repeats a run started in the same block and never a transaction of another run', async () => {
    const first = await firstMinute(START);
    const sameBlock = await firstMinute(START + 1);
    const restarted = await firstMinute(START + 60_000);
    const hashes = (swaps: ChainSwap[]) => new Set(swaps.map((s) => s.txHash));

    expect([...hashes(sameBlock)]).toEqual([...hashes(first)]);
    expect(hashes(first).size).toBeGreaterThan(400);
    const shared = [...hashes(restarted)].filter((hash) => hashes(first).has(hash));
    expect(shared).toEqual([]);
  });
});
