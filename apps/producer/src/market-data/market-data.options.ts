import { ConfigurableModuleBuilder } from '@nestjs/common';

export type MarketSourceConfig =
  | { kind: 'sim'; seed: number; eventsPerSecond: number }
  | { kind: 'replay'; dir: string; speed: number }
  | { kind: 'binance'; wsUrl: string; restUrl: string };

export interface MarketDataOptions {
  symbols: string[];
  /** Started first (first connection, in its URL), then the rest. */
  prioritySymbols?: string[];
  /** JSON `{symbols, priority}` (or an array of symbols) read at start; replaces the two above. */
  symbolsUrl?: string;
  source: MarketSourceConfig;
  streamsPerConnection?: number;
  maxConnectionAgeMs?: number;
  maxWeightPerMinute?: number;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: MARKET_DATA_OPTIONS } =
  new ConfigurableModuleBuilder<MarketDataOptions>().setClassMethodName('forRoot').build();
