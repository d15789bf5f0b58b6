import { CacheConfig } from './cache/create-cache';
import { DatabaseConfig } from './sql/open-database';

export interface StorageOptions {
  database: DatabaseConfig;
  /** Apply pending migrations before any provider can use the database (safe with replicas: they lock). */
  migrateOnStart: boolean;
}

export type CacheOptions = CacheConfig;

/** Injects the `SqlDatabase`. */
export const SQL_DATABASE = Symbol('SQL_DATABASE');

/** Injects the `KeyValueCache`. */
export const KEY_VALUE_CACHE = Symbol('KEY_VALUE_CACHE');

/** How long readiness waits for Postgres or Redis to answer. */
export const PROBE_TIMEOUT_MS = 2000;
