import { PoolMetadata } from '@app/exchange';
import { ConfigurableModuleBuilder } from '@nestjs/common';

export type SwapIngestOptions =
  | { kind: 'sim'; seed: number; eventsPerSecond: number; blockTimeMs: number }
  /** `pools`: configured metadata (DEX_POOLS), consulted before the built-in pools. */
  | { kind: 'replay'; dir: string; swapsPerSecond: number; pools: PoolMetadata[] }
  | { kind: 'off' };

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: SWAP_INGEST_OPTIONS } =
  new ConfigurableModuleBuilder<SwapIngestOptions>().setClassMethodName('forRoot').build();

/**
 * Batches of a replay at `swapsPerSecond`: every 10 ms when that takes at least one swap a batch
 * (timers finer than that are not kept), less often below 100 swaps a second.
 */
export function replayPace(swapsPerSecond: number): { batchSize: number; intervalMs: number } {
  const batchSize = Math.ceil(swapsPerSecond / 100);
  return { batchSize, intervalMs: (1000 * batchSize) / swapsPerSecond };
}
