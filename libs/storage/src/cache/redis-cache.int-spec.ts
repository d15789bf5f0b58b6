import { Redis } from 'ioredis';
import { uniqueRunId } from '../../../../test/support/run-id';
import { WRONG_TYPE } from './key-value-cache';
import { RedisCache } from './redis-cache';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// This file's own key prefix: afterAll deletes every key under it.
const prefix = `${uniqueRunId('it')}:`;

describe(RedisCache.name, () => {
  let cache: RedisCache;
  let raw: Redis;

  beforeAll(() => {
    cache = new RedisCache({ url: REDIS_URL, prefix });
    raw = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await cache.close();
    await raw.quit();
  });

  it('sets and gets under its prefix', async () => {
    await cache.set('ticker:BTCUSDT', '{"last":"97000.10"}');

    expect(cache.kind).toBe('redis');
    await expect(cache.get('ticker:BTCUSDT')).resolves.toBe('{"last":"97000.10"}');
    await expect(raw.get(`${prefix}ticker:BTCUSDT`)).resolves.toBe('{"last":"97000.10"}');
    await expect(cache.get('ticker:ETHUSDT')).resolves.toBeNull();
  });

  it('answers mget in the order asked, with null for missing keys and lists', async () => {
    await cache.set('m:a', '1');
    await cache.set('m:c', '3');
    await cache.pushCapped('m:list', 'x', 5);

    await expect(cache.mget(['m:c', 'm:b', 'm:a', 'm:list'])).resolves.toEqual([
      '3',
      null,
      '1',
      null,
    ]);
    await expect(cache.mget([])).resolves.toEqual([]);
  });

  it('keeps the newest maxLength entries of a list, newest first', async () => {
    for (const trade of ['t1', 't2', 't3', 't4', 't5'])
      await cache.pushCapped('trades:BTCUSDT', trade, 3);

    await expect(cache.range('trades:BTCUSDT', 10)).resolves.toEqual(['t5', 't4', 't3']);
    await expect(cache.range('trades:BTCUSDT', 2)).resolves.toEqual(['t5', 't4']);
    await expect(cache.range('trades:BTCUSDT', 0)).resolves.toEqual([]);
    await expect(raw.llen(`${prefix}trades:BTCUSDT`)).resolves.toBe(3);
  });

  it('pushes many values in one step as if one by one, keeping the newest maxLength', async () => {
    await cache.pushCapped('many:BTCUSDT', 't1', 4);
    await cache.pushManyCapped('many:BTCUSDT', ['t2', 't3'], 4);

    await expect(cache.range('many:BTCUSDT', 10)).resolves.toEqual(['t3', 't2', 't1']);

    await cache.pushManyCapped('many:BTCUSDT', ['t4', 't5', 't6', 't7', 't8', 't9'], 4);
    await cache.pushManyCapped('many:BTCUSDT', [], 4);
    await cache.pushManyCapped('many:none', [], 4);

    await expect(raw.lrange(`${prefix}many:BTCUSDT`, 0, -1)).resolves.toEqual([
      't9',
      't8',
      't7',
      't6',
    ]);
    await expect(raw.exists(`${prefix}many:none`)).resolves.toBe(0);
  });

  it('forgets a key once its TTL has passed', async () => {
    await cache.set('ttl:stats', 'v', 100);

    const pttl = await raw.pttl(`${prefix}ttl:stats`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(100);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(cache.get('ttl:stats')).resolves.toBeNull();
  });

  it('deletes a key', async () => {
    await cache.set('d:a', '1');
    await cache.delete('d:a');

    await expect(cache.get('d:a')).resolves.toBeNull();
  });

  it('fails with the same message as MemoryCache when a string and a list share a key', async () => {
    await cache.set('w:s', 'v');

    await expect(cache.pushCapped('w:s', 'v', 5)).rejects.toThrow(WRONG_TYPE);
    await expect(cache.pushManyCapped('w:s', ['v', 'w'], 5)).rejects.toThrow(WRONG_TYPE);
    await expect(cache.get('w:s')).resolves.toBe('v');
  });

  it('rejects bad arguments before sending anything', async () => {
    await expect(cache.set('a', '1', 0)).rejects.toThrow('ttlMs must be a positive integer, got 0');
    await expect(cache.pushCapped('l', 'v', 0)).rejects.toThrow(
      'maxLength must be a positive integer, got 0',
    );
    await expect(cache.pushManyCapped('l', ['v'], 1.5)).rejects.toThrow(
      'maxLength must be a positive integer, got 1.5',
    );
  });

  it('sets hash fields without touching the others, and reads them all back', async () => {
    await cache.hashSet('markets', { BTCUSDT: 'b1', ETHUSDT: 'e1' });
    await cache.hashSet('markets', { BTCUSDT: 'b2' });
    await cache.hashSet('markets', {});

    await expect(cache.hashGetAll('markets')).resolves.toEqual({ BTCUSDT: 'b2', ETHUSDT: 'e1' });
    await expect(raw.hget(`${prefix}markets`, 'ETHUSDT')).resolves.toBe('e1');
    await expect(cache.hashGetAll('missing')).resolves.toEqual({});
    await cache.set('s', 'v');
    await expect(cache.hashGetAll('s')).rejects.toThrow(WRONG_TYPE);
  });

  it('deletes hash fields, and the hash with its last one', async () => {
    await cache.hashSet('gone', { BTCUSDT: 'b1', ETHUSDT: 'e1' });
    await cache.hashDelete('gone', ['ETHUSDT', 'XRPUSDT']);
    await cache.hashDelete('gone', []);
    await expect(cache.hashGetAll('gone')).resolves.toEqual({ BTCUSDT: 'b1' });

    await cache.hashDelete('gone', ['BTCUSDT']);
    await expect(raw.exists(`${prefix}gone`)).resolves.toBe(0);
    await cache.set('s2', 'v');
    await expect(cache.hashDelete('s2', ['f'])).rejects.toThrow(WRONG_TYPE);
  });

  it('answers ping', async () => {
    await expect(cache.ping()).resolves.toBeUndefined();
  });
});

describe(`${RedisCache.name} without a server`, () => {
  it('fails a command after a few reconnect attempts instead of waiting for ever', async () => {
    const errors: Error[] = [];
    const cache = new RedisCache({
      url: 'redis://127.0.0.1:1',
      prefix,
      onError: (error) => errors.push(error),
    });

    await expect(cache.ping()).rejects.toThrow(
      'Reached the max retries per request limit (which is 3)',
    );
    await cache.close();
    expect(errors[0]?.message).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });
});
