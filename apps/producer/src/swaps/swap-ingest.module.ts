import { Module } from '@nestjs/common';
import { SwapIngestService } from './swap-ingest.service';
import { ConfigurableModuleClass } from './swap-ingest.options';

/** DEX swap events into `dex.swap.v1`. */
@Module({ providers: [SwapIngestService] })
export class SwapIngestModule extends ConfigurableModuleClass {}
