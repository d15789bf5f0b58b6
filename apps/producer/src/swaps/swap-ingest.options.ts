import { ConfigurableModuleBuilder } from '@nestjs/common';

export type SwapIngestOptions =
  | { kind: 'sim'; seed: number; eventsPerSecond: number; blockTimeMs: number }
  | { kind: 'replay'; dir: string }
  | { kind: 'off' };

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: SWAP_INGEST_OPTIONS } =
  new ConfigurableModuleBuilder<SwapIngestOptions>().setClassMethodName('forRoot').build();
