import type { ThrottlerStorage } from '@nestjs/throttler';

/** What `ThrottlerStorage.increment` returns (the record type is not exported by the package). */
export interface ThrottlerRecord {
  totalHits: number;
  /** Seconds until the window resets (the `X-RateLimit-Reset` header). */
  timeToExpire: number;
  isBlocked: boolean;
  /** Seconds until a block ends (the `Retry-After` header); 0 when not blocked. */
  timeToBlockExpire: number;
}

interface Window {
  endsAt: number;
  hits: number;
  /** 0 while not blocked. */
  blockedUntil: number;
}

/** A blocked key counts afresh once its block ends (as the package's storage does), others at the window's end. */
const ended = (window: Window, now: number): boolean =>
  now >= (window.blockedUntil !== 0 ? window.blockedUntil : window.endsAt);

/**
 * Throttler storage with one counter per key and window: O(1) per request and no timer. The
 * package's in-memory storage arms a `setTimeout` per request for the whole TTL and, at each
 * expiry, filters an array of every pending timer, so sustained REST load costs it memory and
 * O(n) work per request. A fixed window admits up to twice the limit across a window boundary,
 * which a per-replica abuse guard accepts. Ended windows are swept once per sweep interval.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweep: number;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sweepEveryMs = 60_000,
  ) {
    this.nextSweep = now() + sweepEveryMs;
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    const now = this.now();
    if (now >= this.nextSweep) this.sweep(now);
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (window === undefined || ended(window, now)) {
      window = { endsAt: now + ttl, hits: 0, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    if (now >= window.blockedUntil) {
      window.hits += 1; // hits while blocked are not counted
      if (window.hits > limit) window.blockedUntil = now + blockDuration;
    }
    const isBlocked = now < window.blockedUntil;
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: Math.ceil((window.endsAt - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    });
  }

  /** Keys with a live window or block. */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    this.nextSweep = now + this.sweepEveryMs;
    for (const [id, window] of this.windows) {
      if (ended(window, now)) this.windows.delete(id);
    }
  }
}
