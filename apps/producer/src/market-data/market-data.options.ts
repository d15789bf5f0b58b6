import { ConfigurableModuleBuilder } from '@nestjs/common';

export type MarketSourceConfig =
  | { kind: 'sim'; seed: number; eventsPerSecond: number }
  | { kind: 'replay'; dir: string; speed: number }
  | { kind: 'binance'; wsUrl: string; restUrl: string };

export interface MarketDataOptions {
  symbols: string[];
  /** Started first (first connection, in its URL), then the rest. */
  prioritySymbols?: string[];
  /** JSON `{symbols, priority}` (or an array of symbols); replaces the two above when it answers. */
  symbolsUrl?: string;
  /** How often `symbolsUrl` is re-read and the difference applied; 0 or unset: only at start. */
  symbolsRefreshMs?: number;
  /** How often exchangeInfo is re-read for the markets catalog (md.market.v1) and changes published. */
  marketsRefreshMs?: number;
  source: MarketSourceConfig;
  streamsPerConnection?: number;
  maxConnectionAgeMs?: number;
  maxWeightPerMinute?: number;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: MARKET_DATA_OPTIONS } =
  new ConfigurableModuleBuilder<MarketDataOptions>().setClassMethodName('forRoot').build();
