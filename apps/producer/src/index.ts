// The producer app's public face: what the embedded mode, the benchmarks and the deploy checker use
// of it. Everything else in src/ is the app's own: from outside, import only this file.
export * from './producer.env';
export * from './producer.metrics';
export * from './market-data/market-data-ingest.module';
export * from './market-data/market-data-ingest.service';
export * from './market-data/book-ticker.normalizer';
export * from './market-data/market-event.normalizers';
export * from './swaps/swap-ingest.module';
