import { PoolMetadata } from '@app/exchange';
import { ConfigurableModuleBuilder } from '@nestjs/common';

export type SwapIngestOptions =
  | { kind: 'sim'; seed: number; eventsPerSecond: number; blockTimeMs: number }
  /** `pools`: configured metadata (DEX_POOLS), consulted before the built-in pools. */
  | { kind: 'replay'; dir: string; pools: PoolMetadata[] }
  | { kind: 'off' };

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: SWAP_INGEST_OPTIONS } =
  new ConfigurableModuleBuilder<SwapIngestOptions>().setClassMethodName('forRoot').build();
