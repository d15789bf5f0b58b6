// The orderbook app's public face: what the embedded mode, the benchmarks and the deploy checker use
// of it. Everything else in src/ is the app's own: from outside, import only this file.
export * from './orderbook.module';
export * from './orderbook.env';
export * from './snapshots/snapshot-source';
