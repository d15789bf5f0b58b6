import { symbolSeed } from '../simulator/seeded-random';
import { SimulatedChain, SimulatedChainOptions } from './simulated-chain';
import { ChainSwap, SwapFeed } from './swap-feed';

/** Block 18,937,382 was mined at 2024-01-05T00:00:00Z, where the simulated chain starts by default. */
const REFERENCE_BLOCK = { number: 18_937_382, timeMs: 1_704_412_800_000 };

/**
 * The simulated chain run in real time: its virtual clock follows the wall clock. A run starts at
 * the block the chain would have reached by now and draws its transactions from the seed mixed with
 * that block: a chain never repeats a transaction, so a restarted feed must not either, or consumers
 * that keep state across runs (the aggregator's ledger) would take its swaps for duplicates.
 */
export class SimulatedSwapFeed implements SwapFeed {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: Omit<SimulatedChainOptions, 'startTimeMs'> & { tickMs?: number },
    private readonly now: () => number = Date.now,
  ) {}

  start(emit: (swaps: ChainSwap[]) => void): void {
    const startedAt = this.now();
    const blockTimeMs = this.options.blockTimeMs ?? 12_000;
    const startBlock =
      REFERENCE_BLOCK.number + Math.floor((startedAt - REFERENCE_BLOCK.timeMs) / blockTimeMs);
    const chain = new SimulatedChain({
      ...this.options,
      seed: symbolSeed(this.options.seed, `block ${startBlock}`),
      startTimeMs: startedAt,
      startBlock,
    });
    this.timer = setInterval(() => {
      const swaps = chain.advance(this.now());
      if (swaps.length > 0) emit(swaps);
    }, this.options.tickMs ?? 100);
  }

  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return Promise.resolve();
  }
}
