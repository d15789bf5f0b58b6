import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

const T0 = 1_700_000_000_000;

describe(FixedWindowThrottlerStorage.name, () => {
  let now: number;
  let storage: FixedWindowThrottlerStorage;
  /** ttl 60 s, limit 3, block 30 s, like `ThrottlerGuard` calls it. */
  const hit = (key = 'client-a') => storage.increment(key, 60_000, 3, 30_000, 'default');
  /** The record as [totalHits, timeToExpire, isBlocked, timeToBlockExpire]. */
  const record = async (key?: string) => {
    const r = await hit(key);
    return [r.totalHits, r.timeToExpire, r.isBlocked, r.timeToBlockExpire];
  };

  beforeEach(() => {
    now = T0;
    storage = new FixedWindowThrottlerStorage(() => now, 120_000);
  });

  it('counts hits per key within the window, with the seconds left until it resets', async () => {
    await hit();
    now += 10_500;
    expect(await record()).toEqual([2, 50, false, 0]);
    expect(await record('client-b')).toEqual([1, 60, false, 0]);
  });

  it('blocks the hit past the limit for the block duration, without counting blocked hits', async () => {
    for (let i = 0; i < 3; i++) await hit();
    expect(await record()).toEqual([4, 60, true, 30]);
    now += 29_000;
    expect(await record()).toEqual([4, 31, true, 1]);
  });

  it('counts afresh once the block ends, even before the window would have', async () => {
    for (let i = 0; i < 4; i++) await hit();
    now += 30_000;
    expect(await record()).toEqual([1, 60, false, 0]);
  });

  it('starts a new window once the old one ended', async () => {
    for (let i = 0; i < 3; i++) await hit();
    now += 60_000;
    expect(await record()).toEqual([1, 60, false, 0]);
  });

  it('keeps throttlers with different names apart for the same key', async () => {
    await hit();
    await expect(storage.increment('client-a', 1000, 10, 1000, 'burst')).resolves.toMatchObject({
      totalHits: 1,
    });
  });

  it('forgets ended windows at the next sweep, keeping live ones', async () => {
    await hit('gone');
    now += 100_000;
    await hit('live');
    expect(storage.size).toBe(2);
    now += 20_000; // sweep due; 'gone' ended 60 s ago, 'live' has 40 s left
    await hit('live');
    expect(storage.size).toBe(1);
    await expect(hit('gone')).resolves.toMatchObject({ totalHits: 1 });
  });
});
