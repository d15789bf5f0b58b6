import { Redis } from 'ioredis';
import { assertMaxLength, assertTtl, KeyValueCache } from './key-value-cache';

export interface RedisCacheOptions {
  /** redis://[user:password@]host:port[/db], or rediss:// for TLS */
  url: string;
  /** Added to every key, so deployments (or test runs) can share one Redis. */
  prefix: string;
  /** Connection errors; ioredis reconnects by itself, this only reports them. */
  onError?: (error: Error) => void;
}

/** Redis through ioredis. Connects in the background; commands wait for the connection. */
export class RedisCache implements KeyValueCache {
  readonly kind = 'redis';
  private readonly redis: Redis;

  constructor(options: RedisCacheOptions) {
    this.redis = new Redis(options.url, {
      // ioredis adds the prefix to every key argument (MGET's too), never to values.
      keyPrefix: options.prefix,
      // A command fails after a few reconnect attempts instead of queueing for ever while Redis is down.
      maxRetriesPerRequest: 3,
      // Closing while Redis is down arms a timer on the already-failed socket that nothing clears;
      // it keeps the process alive this long (default 2 s) after close().
      disconnectTimeout: 500,
    });
    // Without a listener, ioredis prints every reconnect failure as an unhandled error.
    this.redis.on('error', options.onError ?? (() => undefined));
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    assertTtl(ttlMs);
    if (ttlMs === undefined) await this.redis.set(key, value);
    else await this.redis.set(key, value, 'PX', ttlMs);
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    // MGET with no keys is a Redis syntax error, not an empty answer.
    if (keys.length === 0) return [];
    return this.redis.mget(...keys);
  }

  pushCapped(key: string, value: string, maxLength: number): Promise<void> {
    return this.pushManyCapped(key, [value], maxLength);
  }

  async pushManyCapped(key: string, values: readonly string[], maxLength: number): Promise<void> {
    assertMaxLength(maxLength);
    // LPUSH with no values is a syntax error; older values would be trimmed away anyway.
    if (values.length === 0) return;
    // MULTI, so no reader ever sees the list longer than maxLength.
    const results = await this.redis
      .multi()
      .lpush(key, ...values.slice(-maxLength))
      .ltrim(key, 0, maxLength - 1)
      .exec();
    if (results === null) throw new Error(`pushManyCapped on ${key} was discarded`);
    for (const [error] of results) if (error) throw error;
  }

  async range(key: string, count: number): Promise<string[]> {
    // LRANGE 0 -1 means "all": a count of 0 must not turn into that.
    if (count <= 0) return [];
    return this.redis.lrange(key, 0, count - 1);
  }

  async hashSet(key: string, fields: Readonly<Record<string, string>>): Promise<void> {
    // HSET with no field is a syntax error, not a no-op.
    if (Object.keys(fields).length === 0) return;
    await this.redis.hset(key, fields);
  }

  async hashDelete(key: string, fields: readonly string[]): Promise<void> {
    // HDEL with no field is a syntax error, not a no-op.
    if (fields.length === 0) return;
    await this.redis.hdel(key, ...fields);
  }

  hashGetAll(key: string): Promise<Record<string, string>> {
    return this.redis.hgetall(key);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    // QUIT lets pending replies arrive first; without a live connection it would wait for one.
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }
}
