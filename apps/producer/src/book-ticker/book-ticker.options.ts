import { ConfigurableModuleBuilder } from '@nestjs/common';

export type ExchangeSource =
  | { kind: 'exchange'; wsUrl: string }
  | { kind: 'simulator'; seed: number; eventsPerSecond: number };

export interface BookTickerIngestOptions {
  symbols: string[];
  source: ExchangeSource;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: BOOK_TICKER_INGEST_OPTIONS } =
  new ConfigurableModuleBuilder<BookTickerIngestOptions>().setClassMethodName('forRoot').build();
