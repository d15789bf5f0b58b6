/**
 * Sliding-window pacing of the messages we send on one connection. Binance counts pings, pongs and
 * JSON control messages against 5 per second per connection and drops the connection above that,
 * so control messages take fewer slots (default 3) and leave room for pongs.
 */
export class MessagePacer {
  private readonly sentAt: number[] = [];

  constructor(
    private readonly maxPerWindow: number,
    private readonly now: () => number,
    private readonly windowMs = 1_000,
  ) {
    if (!Number.isInteger(maxPerWindow) || maxPerWindow < 1) {
      throw new RangeError(`messages per second must be a positive integer (got ${maxPerWindow})`);
    }
  }

  /** Milliseconds until another message may be sent; 0 means now. */
  delay(): number {
    const now = this.now();
    while (this.sentAt.length > 0 && this.sentAt[0] <= now - this.windowMs) this.sentAt.shift();
    if (this.sentAt.length < this.maxPerWindow) return 0;
    return this.sentAt[0] + this.windowMs - now;
  }

  record(): void {
    this.sentAt.push(this.now());
  }
}
