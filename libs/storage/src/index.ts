export * from './sql/sql-database';
export { TransactionAbortedError } from './sql/transaction';
export * from './sql/postgres-database';
export * from './sql/pglite-database';
export * from './sql/open-database';
export * from './migrations/migration';
export * from './migrations/index';
export * from './migrations/migrator';
export * from './offsets/consumer-offsets';
export { type KeyValueCache, WRONG_TYPE } from './cache/key-value-cache';
export * from './cache/memory-cache';
export * from './cache/redis-cache';
export * from './cache/create-cache';
export * from './env/storage.env';
export {
  type CacheOptions,
  KEY_VALUE_CACHE,
  SQL_DATABASE,
  type StorageOptions,
} from './storage.options';
export * from './database.probe';
export * from './cache.probe';
export * from './storage.module';
export * from './cache.module';
