import { fullJitterDelay } from '@app/backoff';

/**
 * One pause shared by every request of a client. A 429 (or 418) stops all requests until its
 * `Retry-After` has passed, so the client never keeps hammering into a 418 ban; without the header
 * it backs off exponentially with full jitter.
 */
export class RetryAfterGate {
  private pausedUntil = 0;
  private consecutive = 0;

  constructor(
    private readonly now: () => number,
    private readonly backoffBaseMs = 1_000,
    private readonly backoffCapMs = 120_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** Milliseconds every request must still wait; 0 when requests may go. */
  get waitMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /** The exchange answered 429/418; `retryAfterMs` is its header (see retryAfterMs), when usable. */
  rateLimited(retryAfterMs: number | null): number {
    const delay =
      retryAfterMs !== null && retryAfterMs >= 0
        ? retryAfterMs
        : fullJitterDelay(this.consecutive, this.backoffBaseMs, this.backoffCapMs, this.random);
    this.consecutive++;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + delay);
    return this.waitMs;
  }

  /** A request succeeded: the next unannounced 429 starts the backoff from the beginning. */
  succeeded(): void {
    this.consecutive = 0;
  }
}

/**
 * A `Retry-After` header in milliseconds: seconds (Binance's form) or an HTTP date; null when absent
 * or unreadable, for the caller to choose its own wait.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
