// The order-book engine (its decimals are @app/decimal's): a sorted two-sided book, a verifiable checksum and the
// Binance snapshot + diff synchronizer. Pure TypeScript, no Nest, no I/O.
export * from './book/book-types';
export * from './book/order-book';
export * from './checksum/crc32';
export * from './checksum/book-checksum';
export * from './sync/depth-events';
export * from './sync/scheduler';
export * from './sync/manual-scheduler';
export type { Unsubscribe } from './sync/listeners';
export * from './sync/sync-types';
export * from './sync/depth-synchronizer';
