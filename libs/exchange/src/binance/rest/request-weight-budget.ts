const MINUTE_MS = 60_000;

/**
 * Local accounting of Binance's per-minute request weight. The exchange counts weight per IP in
 * fixed UTC minutes and reports the current total in `X-MBX-USED-WEIGHT-1M`; we mirror that count
 * (plus the weight of requests still in flight) and refuse to start a request that would take the
 * minute past our own budget, which is set below the exchange's limit so a 429 never happens.
 */
export class RequestWeightBudget {
  private minute = -1;
  private reported = 0;
  private inFlight = 0;

  constructor(
    /** Most weight we allow ourselves per minute (Binance spot's limit is 6,000). */
    readonly maxPerMinute: number,
    private readonly now: () => number,
  ) {
    if (!(maxPerMinute > 0)) throw new Error(`maxPerMinute must be positive (got ${maxPerMinute})`);
  }

  /** Weight used in the current minute, as last reported by the exchange plus what is in flight. */
  get used(): number {
    this.rollMinute();
    return this.reported + this.inFlight;
  }

  /**
   * 0 and the weight is reserved when the request may start now; otherwise the milliseconds to wait
   * (until the next minute, when the exchange's count resets). A request heavier than the whole
   * budget is an error: it could never run.
   */
  tryReserve(weight: number): number {
    if (weight > this.maxPerMinute) {
      throw new Error(`request weight ${weight} exceeds the budget of ${this.maxPerMinute}/min`);
    }
    if (this.used + weight > this.maxPerMinute) return MINUTE_MS - (this.now() % MINUTE_MS);
    this.inFlight += weight;
    return 0;
  }

  /** A reserved request finished; `usedWeightHeader` is the exchange's count, when it sent one. */
  settle(weight: number, usedWeightHeader: number | null): void {
    this.rollMinute();
    this.inFlight = Math.max(0, this.inFlight - weight);
    // Without a header (e.g. a network error) assume the weight was charged: safer than not.
    this.reported =
      usedWeightHeader === null
        ? this.reported + weight
        : Math.max(this.reported, usedWeightHeader);
  }

  private rollMinute(): void {
    const minute = Math.floor(this.now() / MINUTE_MS);
    if (minute !== this.minute) {
      this.minute = minute;
      this.reported = 0;
    }
  }
}
