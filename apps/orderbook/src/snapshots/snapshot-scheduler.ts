import { DepthSnapshot, Scheduler, SnapshotFetchError } from '@app/orderbook';

const WINDOW_MS = 60_000;
const NOT_PRIORITY = Number.MAX_SAFE_INTEGER;

export interface SnapshotSchedulerOptions {
  /** Starts one snapshot request of `limit` levels; its rejection is passed on to the requester. */
  readonly fetch: (symbol: string, limit: number) => Promise<DepthSnapshot>;
  /**
   * Levels asked for priority symbols and for every other one: following every symbol of an
   * exchange, shallower snapshots for the long tail sync it in minutes instead of hours.
   */
  readonly limits: { readonly priority: number; readonly others: number };
  /** Weight of one request of `limit` levels (Binance counts it whether it succeeds or not). */
  readonly weightOf: (limit: number) => number;
  /** The most weight started in any 60 s window. */
  readonly weightPerMinute: number;
  /** Served first, in this order; other symbols in the order asked. */
  readonly prioritySymbols?: readonly string[];
  readonly clock: () => number;
  readonly timers: Scheduler;
  readonly onRequestStarted?: (symbol: string, weight: number) => void;
}

interface Waiting {
  readonly symbol: string;
  /** Its place in the priority list; NOT_PRIORITY for every other symbol. */
  rank: number;
  readonly order: number;
  readonly resolve: (snapshot: DepthSnapshot) => void;
  readonly reject: (error: unknown) => void;
}

/** Rejects a queued request whose symbol was released before its turn. */
export class SnapshotCancelledError extends Error {
  constructor(symbol: string) {
    super(`snapshot of ${symbol} cancelled: the symbol was released`);
    this.name = SnapshotCancelledError.name;
  }
}

/**
 * Queues snapshot requests so the service never spends more than its weight budget, however many
 * books need one at once (after a reconnect every symbol gaps together):
 * - requests start at a steady pace, each `weight / weightPerMinute` of a minute after the one
 *   before, so a mass resync is spread over time instead of a burst;
 * - and never more than `weightPerMinute` in any sliding 60 s window;
 * - after a 429/418 (a SnapshotFetchError with retryAfterMs) nothing starts until it has passed;
 * - priority symbols go first, then first come first served.
 * Pure: time comes from the injected clock and timers.
 */
export class SnapshotScheduler {
  private readonly queue: Waiting[] = [];
  private readonly started: { at: number; weight: number }[] = [];
  private ranks: Map<string, number>;
  private nextOrder = 0;
  /** When the request started last may be followed by the next, at the pace of its weight. */
  private pacedUntil = Number.NEGATIVE_INFINITY;
  private blockedUntil = Number.NEGATIVE_INFINITY;
  private cancelWake: (() => void) | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;

  constructor(private readonly options: SnapshotSchedulerOptions) {
    for (const limit of [options.limits.priority, options.limits.others]) {
      const weight = options.weightOf(limit);
      if (weight > options.weightPerMinute) {
        throw new RangeError(
          `a snapshot of ${limit} levels costs weight ${weight}, more than the budget of ${options.weightPerMinute} per minute`,
        );
      }
    }
    this.ranks = ranksOf(options.prioritySymbols ?? []);
  }

  /** A new priority list (from the settings source): requests already waiting are re-ordered. */
  setPrioritySymbols(symbols: readonly string[]): void {
    this.ranks = ranksOf(symbols);
    for (const waiting of this.queue) waiting.rank = this.rankOf(waiting.symbol);
    this.queue.sort(byTurn);
  }

  get waitingCount(): number {
    return this.queue.length;
  }

  /** Weight started in the last 60 s. */
  weightInWindow(): number {
    this.expire(this.options.clock());
    return this.started.reduce((sum, entry) => sum + entry.weight, 0);
  }

  /** A SnapshotFetcher for the synchronizer: resolves when the request, in its turn, does. */
  request(symbol: string): Promise<DepthSnapshot> {
    return new Promise((resolve, reject) => {
      const rank = this.rankOf(symbol);
      this.queue.push({ symbol, rank, order: this.nextOrder++, resolve, reject });
      this.queue.sort(byTurn);
      this.pump();
    });
  }

  private rankOf(symbol: string): number {
    return this.ranks.get(symbol) ?? NOT_PRIORITY;
  }

  private limitOf(waiting: Waiting): number {
    return waiting.rank === NOT_PRIORITY
      ? this.options.limits.others
      : this.options.limits.priority;
  }

  /** Drops the symbol's waiting requests (rejected with SnapshotCancelledError). */
  cancel(symbol: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].symbol !== symbol) continue;
      const [waiting] = this.queue.splice(i, 1);
      waiting.reject(new SnapshotCancelledError(symbol));
    }
  }

  /** Stops timers and rejects everything waiting. */
  close(): void {
    this.cancelWake?.();
    this.cancelWake = undefined;
    for (const waiting of this.queue.splice(0))
      waiting.reject(new SnapshotCancelledError(waiting.symbol));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const now = this.options.clock();
      const readyAt = this.nextStartAt(now, this.options.weightOf(this.limitOf(this.queue[0])));
      if (readyAt > now) {
        this.wakeUpAt(readyAt, now);
        return;
      }
      this.start(this.queue.shift()!, now);
    }
  }

  private nextStartAt(now: number, requestWeight: number): number {
    this.expire(now);
    const { weightPerMinute } = this.options;
    let windowFreeAt = Number.NEGATIVE_INFINITY;
    let used = this.started.reduce((sum, entry) => sum + entry.weight, 0);
    for (const entry of this.started) {
      if (used + requestWeight <= weightPerMinute) break;
      used -= entry.weight;
      windowFreeAt = entry.at + WINDOW_MS;
    }
    return Math.max(this.pacedUntil, this.blockedUntil, windowFreeAt);
  }

  private start(waiting: Waiting, now: number): void {
    const limit = this.limitOf(waiting);
    const weight = this.options.weightOf(limit);
    this.pacedUntil = now + (weight * WINDOW_MS) / this.options.weightPerMinute;
    this.started.push({ at: now, weight });
    this.options.onRequestStarted?.(waiting.symbol, weight);
    let pending: Promise<DepthSnapshot>;
    try {
      pending = this.options.fetch(waiting.symbol, limit);
    } catch (error) {
      pending = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    pending.then(waiting.resolve, (error: unknown) => {
      if (error instanceof SnapshotFetchError && error.retryAfterMs !== undefined) {
        // The exchange said how long to stay away: that holds for every symbol, not just this one.
        this.blockedUntil = Math.max(this.blockedUntil, this.options.clock() + error.retryAfterMs);
      }
      waiting.reject(error);
    });
  }

  private wakeUpAt(at: number, now: number): void {
    if (this.cancelWake && this.wakeAt <= at) return;
    this.cancelWake?.();
    this.wakeAt = at;
    this.cancelWake = this.options.timers.schedule(at - now, () => {
      this.cancelWake = undefined;
      this.wakeAt = Number.POSITIVE_INFINITY;
      this.pump();
    });
  }

  private expire(now: number): void {
    while (this.started.length > 0 && this.started[0].at + WINDOW_MS <= now) this.started.shift();
  }
}

function ranksOf(symbols: readonly string[]): Map<string, number> {
  return new Map(symbols.map((symbol, index) => [symbol, index]));
}

/** Priority symbols in their order, then everyone else first come first served. */
function byTurn(a: Waiting, b: Waiting): number {
  return a.rank - b.rank || a.order - b.order;
}
