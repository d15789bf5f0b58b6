import { SwapEvent } from '@app/contracts';

/** A swap as the chain reports it; the producer stamps `producedAt` when it publishes. */
export type ChainSwap = Omit<SwapEvent, 'producedAt'>;

/** Where swap events come from: a simulated chain or a replay of recorded logs. */
export interface SwapFeed {
  /** Starts delivering; batches keep high rates cheap. */
  start(emit: (swaps: ChainSwap[]) => void): void;
  stop(): Promise<void>;
}
