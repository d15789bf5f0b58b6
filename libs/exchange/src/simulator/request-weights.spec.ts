import { WeightLimiter } from './request-weights';

const MINUTE_START = 1_700_000_040_000; // a minute boundary

describe(WeightLimiter.name, () => {
  it('counts weight per IP per calendar minute', () => {
    const limiter = new WeightLimiter({ limitPerMinute: 100 });
    expect(limiter.charge('a', 60, MINUTE_START)).toEqual({ kind: 'ok', used: 60 });
    expect(limiter.charge('b', 60, MINUTE_START)).toEqual({ kind: 'ok', used: 60 });
    expect(limiter.charge('a', 40, MINUTE_START + 59_999)).toEqual({ kind: 'ok', used: 100 });
    expect(limiter.charge('a', 1, MINUTE_START + 60_000)).toEqual({ kind: 'ok', used: 1 });
  });

  it('refuses over the limit until the minute ends, then bans a client that keeps going', () => {
    const limiter = new WeightLimiter({ limitPerMinute: 100, banMs: 120_000 });
    limiter.charge('a', 90, MINUTE_START);
    expect(limiter.charge('a', 20, MINUTE_START + 45_500)).toEqual({
      kind: 'limited',
      used: 90,
      retryAfterSec: 15,
    });
    expect(limiter.charge('a', 1, MINUTE_START + 46_000)).toEqual({
      kind: 'banned',
      used: 90,
      retryAfterSec: 120,
      until: MINUTE_START + 166_000,
    });
    // The ban outlives the minute; after it, a fresh window.
    expect(limiter.charge('a', 1, MINUTE_START + 100_000).kind).toBe('banned');
    expect(limiter.charge('a', 1, MINUTE_START + 166_000)).toEqual({ kind: 'ok', used: 1 });
  });

  it('lets a client that waited out the 429 continue in the next minute', () => {
    const limiter = new WeightLimiter({ limitPerMinute: 100 });
    limiter.charge('a', 100, MINUTE_START);
    expect(limiter.charge('a', 1, MINUTE_START + 1000).kind).toBe('limited');
    expect(limiter.charge('a', 1, MINUTE_START + 60_000)).toEqual({ kind: 'ok', used: 1 });
  });
});
