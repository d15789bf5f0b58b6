export * from './binance/binance-events';
export * from './binance/backoff';
export * from './binance/combined-stream-client';
export * from './simulator/seeded-random';
export * from './simulator/decimal-format';
export * from './simulator/market-simulator';
export * from './simulator/simulator-server';
