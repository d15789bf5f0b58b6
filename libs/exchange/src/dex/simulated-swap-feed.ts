import { SimulatedChain, SimulatedChainOptions } from './simulated-chain';
import { ChainSwap, SwapFeed } from './swap-feed';

/** The simulated chain run in real time: its virtual clock follows the wall clock. */
export class SimulatedSwapFeed implements SwapFeed {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: Omit<SimulatedChainOptions, 'startTimeMs'> & { tickMs?: number },
    private readonly now: () => number = Date.now,
  ) {}

  start(emit: (swaps: ChainSwap[]) => void): void {
    const startedAt = this.now();
    const chain = new SimulatedChain({ ...this.options, startTimeMs: startedAt });
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
