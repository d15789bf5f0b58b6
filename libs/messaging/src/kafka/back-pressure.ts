export type BackPressureListener = (hold: boolean) => void;

/**
 * Tells event sources when to stop reading for a moment: while a full batch already waits behind
 * the one in flight. A source that delivers faster than Kafka acknowledges otherwise keeps the
 * event loop busy reading, and each acknowledgement waits behind it (bench/producer measured
 * 0.5–0.7 s between batches during intake, then a backlog of most of the run). Reading in step
 * with Kafka builds the next batch while one is in flight, and no more.
 *
 * Never while Kafka is unavailable (the caller passes `false` then: events are buffered up to the
 * bound, and dropped and counted beyond it), and never longer than `maxHoldMs` per batch, so a
 * slow acknowledgement cannot stall an exchange connection (it would miss pings).
 */
export class BackPressure {
  private readonly listeners = new Set<BackPressureListener>();
  private holding = false;
  private expired = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly maxHoldMs: number) {}

  get isHolding(): boolean {
    return this.holding;
  }

  /** Calls `listener(true)` when sources should pause and `listener(false)` when they may go on. */
  subscribe(listener: BackPressureListener): () => void {
    this.listeners.add(listener);
    if (this.holding) listener(true);
    return () => this.listeners.delete(listener);
  }

  /** `wanted`: a full batch waits behind the one in flight and Kafka is available. */
  update(wanted: boolean): void {
    const hold = wanted && !this.expired;
    if (hold === this.holding) return;
    this.holding = hold;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (hold) {
      this.timer = setTimeout(() => {
        this.expired = true;
        this.update(false);
      }, this.maxHoldMs);
      this.timer.unref();
    }
    for (const listener of this.listeners) listener(hold);
  }

  /** A batch went out: holding may start again (after an expired hold). */
  rearm(): void {
    this.expired = false;
  }
}
