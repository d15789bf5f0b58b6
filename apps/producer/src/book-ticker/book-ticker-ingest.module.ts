import { Module } from '@nestjs/common';
import { BookTickerIngestService } from './book-ticker-ingest.service';
import { ConfigurableModuleClass } from './book-ticker.options';

@Module({ providers: [BookTickerIngestService] })
export class BookTickerIngestModule extends ConfigurableModuleClass {}
