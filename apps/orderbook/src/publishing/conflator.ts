import { CancelScheduled, Scheduler } from '@app/orderbook';

/**
 * At most one flush per key per interval, always of the latest state: the first change after a
 * quiet interval is flushed at once (no added latency), later ones within the interval mark the
 * key dirty and a single flush follows when the interval has passed. The flush reads the current
 * state itself, so intermediate states are skipped, never queued. Pure: injected clock and timers.
 */
export class Conflator {
  private readonly lastFlushAt = new Map<string, number>();
  private readonly pending = new Map<string, CancelScheduled>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: () => number,
    private readonly timers: Scheduler,
    private readonly flush: (key: string) => void,
  ) {}

  /** Something changed for `key`. */
  offer(key: string): void {
    if (this.pending.has(key)) return;
    const now = this.clock();
    const last = this.lastFlushAt.get(key);
    if (last === undefined || now - last >= this.intervalMs) {
      this.flushNow(key, now);
      return;
    }
    const cancel = this.timers.schedule(last + this.intervalMs - now, () => {
      this.pending.delete(key);
      this.flushNow(key, this.clock());
    });
    this.pending.set(key, cancel);
  }

  /** Drops the key's pending flush and history (the book was released). */
  forget(key: string): void {
    this.pending.get(key)?.();
    this.pending.delete(key);
    this.lastFlushAt.delete(key);
  }

  close(): void {
    for (const key of [...this.pending.keys()]) this.forget(key);
  }

  private flushNow(key: string, now: number): void {
    this.lastFlushAt.set(key, now);
    this.flush(key);
  }
}
