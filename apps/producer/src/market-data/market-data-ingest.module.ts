import { Module } from '@nestjs/common';
import { MarketDataIngestService } from './market-data-ingest.service';
import { ConfigurableModuleClass } from './market-data.options';

/** Exchange market data (depth, bookTicker, trades, tickers) into the `md.*.v1` topics. */
@Module({ providers: [MarketDataIngestService], exports: [MarketDataIngestService] })
export class MarketDataIngestModule extends ConfigurableModuleClass {}
