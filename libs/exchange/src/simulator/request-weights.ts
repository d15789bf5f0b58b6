export type WeightVerdict =
  | { kind: 'ok'; used: number }
  | { kind: 'limited'; used: number; retryAfterSec: number }
  | { kind: 'banned'; used: number; retryAfterSec: number; until: number };

export interface WeightLimiterOptions {
  /** Weight per minute per IP (Binance: 6000). */
  limitPerMinute?: number;
  /** How long a client that keeps calling after a 429 is banned (Binance: 2 min, growing). */
  banMs?: number;
}

interface IpState {
  minute: number;
  used: number;
  /** A 429 was answered in this minute: another request earns a ban. */
  warned: boolean;
  bannedUntil: number;
}

/**
 * Request weight per IP in calendar-minute windows, as Binance counts it: over the limit a request
 * gets 429 and `Retry-After`; a client that keeps calling before the window resets gets 418 and a
 * ban.
 */
export class WeightLimiter {
  private readonly ips = new Map<string, IpState>();
  readonly limitPerMinute: number;
  private readonly banMs: number;

  constructor(options: WeightLimiterOptions = {}) {
    this.limitPerMinute = options.limitPerMinute ?? 6000;
    this.banMs = options.banMs ?? 120_000;
  }

  charge(ip: string, weight: number, now: number): WeightVerdict {
    const minute = Math.floor(now / 60_000);
    let state = this.ips.get(ip);
    if (!state || state.minute !== minute) {
      state = { minute, used: 0, warned: false, bannedUntil: state?.bannedUntil ?? 0 };
      this.ips.set(ip, state);
    }
    if (state.bannedUntil > now) {
      return {
        kind: 'banned',
        used: state.used,
        retryAfterSec: Math.ceil((state.bannedUntil - now) / 1000),
        until: state.bannedUntil,
      };
    }
    const retryAfterSec = Math.ceil(((minute + 1) * 60_000 - now) / 1000);
    if (state.warned) {
      state.bannedUntil = now + this.banMs;
      return {
        kind: 'banned',
        used: state.used,
        retryAfterSec: Math.ceil(this.banMs / 1000),
        until: state.bannedUntil,
      };
    }
    if (state.used + weight > this.limitPerMinute) {
      state.warned = true;
      return { kind: 'limited', used: state.used, retryAfterSec };
    }
    state.used += weight;
    return { kind: 'ok', used: state.used };
  }

  usedBy(ip: string, now: number): number {
    const state = this.ips.get(ip);
    return state && state.minute === Math.floor(now / 60_000) ? state.used : 0;
  }
}
