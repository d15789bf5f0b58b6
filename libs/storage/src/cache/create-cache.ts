import { KeyValueCache } from './key-value-cache';
import { MemoryCache } from './memory-cache';
import { RedisCache } from './redis-cache';

/** Redis in every real deployment; a Map in the embedded, one-process mode. */
export type CacheConfig =
  { kind: 'redis'; url: string; prefix: string } | { kind: 'memory'; prefix: string };

export function createCache(config: CacheConfig, onError?: (error: Error) => void): KeyValueCache {
  switch (config.kind) {
    case 'redis':
      return new RedisCache({ url: config.url, prefix: config.prefix, onError });
    case 'memory':
      return new MemoryCache({ prefix: config.prefix });
  }
}
