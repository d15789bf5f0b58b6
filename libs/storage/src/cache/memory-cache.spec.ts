import { WRONG_TYPE } from './key-value-cache';
import { MemoryCache } from './memory-cache';

describe(MemoryCache.name, () => {
  let now: number;
  let cache: MemoryCache;

  beforeEach(() => {
    now = 1_000_000;
    cache = new MemoryCache({ prefix: 'test:', now: () => now });
  });

  describe('get / set / mget / delete', () => {
    it('returns what was set, and null for a key never set', async () => {
      await cache.set('ticker:BTCUSDT', '{"last":"97000.10"}');

      await expect(cache.get('ticker:BTCUSDT')).resolves.toBe('{"last":"97000.10"}');
      await expect(cache.get('ticker:ETHUSDT')).resolves.toBeNull();
    });

    it('answers mget in the order asked, with null for missing keys and lists', async () => {
      await cache.set('a', '1');
      await cache.set('c', '3');
      await cache.pushCapped('list', 'x', 10);

      await expect(cache.mget(['c', 'b', 'a', 'list'])).resolves.toEqual(['3', null, '1', null]);
      await expect(cache.mget([])).resolves.toEqual([]);
    });

    it('deletes a key', async () => {
      await cache.set('a', '1');
      await cache.delete('a');

      await expect(cache.get('a')).resolves.toBeNull();
    });

    it('keeps caches with different prefixes apart only by prefix, not by instance', async () => {
      await cache.set('a', '1');

      await expect(new MemoryCache({ prefix: 'other:' }).get('a')).resolves.toBeNull();
    });
  });

  describe('TTL', () => {
    it('keeps a key until its TTL has passed, then forgets it', async () => {
      await cache.set('stats', 'v', 1000);

      now += 999;
      await expect(cache.get('stats')).resolves.toBe('v');
      now += 1;
      await expect(cache.get('stats')).resolves.toBeNull();
      await expect(cache.mget(['stats'])).resolves.toEqual([null]);
    });

    it('clears the TTL when the key is set again without one, as Redis SET does', async () => {
      await cache.set('stats', 'old', 1000);
      await cache.set('stats', 'new');

      now += 10_000;
      await expect(cache.get('stats')).resolves.toBe('new');
    });

    it('rejects a TTL that is not a positive integer', async () => {
      await expect(cache.set('a', '1', 0)).rejects.toThrow(
        'ttlMs must be a positive integer, got 0',
      );
      await expect(cache.set('a', '1', 1.5)).rejects.toThrow(
        'ttlMs must be a positive integer, got 1.5',
      );
    });
  });

  describe('pushCapped / range', () => {
    it('keeps the newest maxLength entries, newest first', async () => {
      for (const trade of ['t1', 't2', 't3', 't4', 't5'])
        await cache.pushCapped('trades:BTCUSDT', trade, 3);

      await expect(cache.range('trades:BTCUSDT', 10)).resolves.toEqual(['t5', 't4', 't3']);
    });

    it('returns at most count entries, and none for a count of 0 or a missing list', async () => {
      for (const trade of ['t1', 't2', 't3']) await cache.pushCapped('trades', trade, 10);

      await expect(cache.range('trades', 2)).resolves.toEqual(['t3', 't2']);
      await expect(cache.range('trades', 0)).resolves.toEqual([]);
      await expect(cache.range('missing', 5)).resolves.toEqual([]);
    });

    it('fails like Redis when a string and a list share a key', async () => {
      await cache.set('s', 'v');
      await cache.pushCapped('l', 'v', 5);

      await expect(cache.pushCapped('s', 'v', 5)).rejects.toThrow(WRONG_TYPE);
      await expect(cache.range('s', 5)).rejects.toThrow(WRONG_TYPE);
      await expect(cache.get('l')).rejects.toThrow(WRONG_TYPE);
    });

    it('rejects a maxLength that is not a positive integer', async () => {
      await expect(cache.pushCapped('l', 'v', 0)).rejects.toThrow(
        'maxLength must be a positive integer, got 0',
      );
    });
  });

  describe('pushManyCapped', () => {
    it('pushes many values as if one by one: last newest, newest maxLength kept', async () => {
      await cache.pushCapped('trades', 't1', 4);
      await cache.pushManyCapped('trades', ['t2', 't3'], 4);

      await expect(cache.range('trades', 10)).resolves.toEqual(['t3', 't2', 't1']);

      await cache.pushManyCapped('trades', ['t4', 't5', 't6', 't7', 't8', 't9'], 4);

      await expect(cache.range('trades', 10)).resolves.toEqual(['t9', 't8', 't7', 't6']);
    });

    it('creates the list, and changes nothing for no values', async () => {
      await cache.pushManyCapped('new', ['a', 'b'], 5);
      await cache.pushManyCapped('new', [], 5);
      await cache.pushManyCapped('none', [], 5);

      await expect(cache.range('new', 10)).resolves.toEqual(['b', 'a']);
      await expect(cache.range('none', 10)).resolves.toEqual([]);
    });

    it('fails like Redis on a string key and on a bad maxLength', async () => {
      await cache.set('s', 'v');

      await expect(cache.pushManyCapped('s', ['v'], 5)).rejects.toThrow(WRONG_TYPE);
      await expect(cache.get('s')).resolves.toBe('v');
      await expect(cache.pushManyCapped('l', ['v'], 1.5)).rejects.toThrow(
        'maxLength must be a positive integer, got 1.5',
      );
    });
  });

  describe('hashSet / hashGetAll', () => {
    it('sets the given fields and keeps the others, like HSET', async () => {
      await cache.hashSet('markets', { BTCUSDT: 'b1', ETHUSDT: 'e1' });
      await cache.hashSet('markets', { BTCUSDT: 'b2' });
      await cache.hashSet('markets', {});

      await expect(cache.hashGetAll('markets')).resolves.toEqual({ BTCUSDT: 'b2', ETHUSDT: 'e1' });
      await expect(cache.hashGetAll('missing')).resolves.toEqual({});
    });

    it('deletes the given fields, and the hash with its last one, like HDEL', async () => {
      await cache.hashSet('markets', { BTCUSDT: 'b1', ETHUSDT: 'e1' });
      await cache.hashDelete('markets', ['ETHUSDT', 'XRPUSDT']);
      await cache.hashDelete('markets', []);
      await expect(cache.hashGetAll('markets')).resolves.toEqual({ BTCUSDT: 'b1' });

      await cache.hashDelete('markets', ['BTCUSDT']);
      await cache.set('markets', 'a string now'); // the key is free again
      await expect(cache.get('markets')).resolves.toBe('a string now');
      await cache.hashDelete('missing', ['f']);
      await expect(cache.hashDelete('markets', ['f'])).rejects.toThrow(WRONG_TYPE);
    });

    it('fails like Redis when a string and a hash share a key', async () => {
      await cache.set('s', 'v');
      await cache.hashSet('h', { f: 'v' });

      await expect(cache.hashSet('s', { f: 'v' })).rejects.toThrow(WRONG_TYPE);
      await expect(cache.hashGetAll('s')).rejects.toThrow(WRONG_TYPE);
      await expect(cache.get('h')).rejects.toThrow(WRONG_TYPE);
    });
  });

  it('answers ping and forgets everything on close', async () => {
    await cache.set('a', '1');

    await expect(cache.ping()).resolves.toBeUndefined();
    await cache.close();
    await expect(cache.get('a')).resolves.toBeNull();
  });
});
