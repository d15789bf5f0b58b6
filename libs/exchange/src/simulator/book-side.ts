export type Side = 'bid' | 'ask';

/**
 * One side of the simulator's true book: integer ticks → integer lots. Ticks are kept sorted
 * ascending so the touch, the worst level and the n-th level from the touch are O(1) reads;
 * inserts and removals cluster near the touch, where the shifts are short.
 */
export class BookSide {
  private readonly lotsByTicks = new Map<number, number>();
  private readonly ascending: number[] = [];

  constructor(readonly side: Side) {}

  get size(): number {
    return this.ascending.length;
  }

  lotsAt(ticks: number): number {
    return this.lotsByTicks.get(ticks) ?? 0;
  }

  /** Sets the absolute lots at a price; 0 removes the level. */
  set(ticks: number, lots: number): void {
    if (!Number.isSafeInteger(ticks) || ticks <= 0 || !Number.isSafeInteger(lots) || lots < 0) {
      throw new Error(`invalid level ${ticks} x ${lots}`);
    }
    const held = this.lotsByTicks.has(ticks);
    if (lots === 0) {
      if (!held) return;
      this.lotsByTicks.delete(ticks);
      this.ascending.splice(this.indexOf(ticks), 1);
      return;
    }
    if (!held) this.ascending.splice(this.indexOf(ticks), 0, ticks);
    this.lotsByTicks.set(ticks, lots);
  }

  /** The price `n` levels away from the touch (0 = best), or undefined past the end. */
  ticksFromTouch(n: number): number | undefined {
    if (n < 0 || n >= this.ascending.length) return undefined;
    return this.side === 'bid' ? this.ascending[this.ascending.length - 1 - n] : this.ascending[n];
  }

  best(): number | undefined {
    return this.ticksFromTouch(0);
  }

  worst(): number | undefined {
    return this.ticksFromTouch(this.ascending.length - 1);
  }

  /** Levels best first, at most `limit`. */
  levels(limit = Number.POSITIVE_INFINITY): [ticks: number, lots: number][] {
    const count = Math.min(limit, this.ascending.length);
    const out: [number, number][] = [];
    for (let n = 0; n < count; n++) {
      const ticks = this.ticksFromTouch(n)!;
      out.push([ticks, this.lotsByTicks.get(ticks)!]);
    }
    return out;
  }

  /** Binary search: the index of `ticks`, or where it would be inserted. */
  private indexOf(ticks: number): number {
    let low = 0;
    let high = this.ascending.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ascending[mid] < ticks) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
