export type Side = 'bid' | 'ask';

/**
 * One side of the simulator's true book: integer ticks → integer lots. Ticks are kept sorted worst
 * first (bids ascending, asks descending), so the touch is the last element: the touch, the worst
 * level and the n-th level from the touch are O(1) reads, and inserts and removals, which cluster
 * near the touch, shift only the few levels between them and the end. (Asks kept ascending put the
 * touch at index 0, and every change there shifted the whole side: thousands of levels deep, that
 * was most of a step's cost.)
 */
export class BookSide {
  private readonly lotsByTicks = new Map<number, number>();
  private readonly worstFirst: number[] = [];
  /** +1 for bids, −1 for asks: `direction * ticks` grows towards the touch. */
  private readonly direction: number;

  constructor(readonly side: Side) {
    this.direction = side === 'bid' ? 1 : -1;
  }

  get size(): number {
    return this.worstFirst.length;
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
      this.worstFirst.splice(this.indexOf(ticks), 1);
      return;
    }
    if (!held) this.worstFirst.splice(this.indexOf(ticks), 0, ticks);
    this.lotsByTicks.set(ticks, lots);
  }

  /** The price `n` levels away from the touch (0 = best), or undefined past the end. */
  ticksFromTouch(n: number): number | undefined {
    if (n < 0 || n >= this.worstFirst.length) return undefined;
    return this.worstFirst[this.worstFirst.length - 1 - n];
  }

  best(): number | undefined {
    return this.ticksFromTouch(0);
  }

  worst(): number | undefined {
    return this.worstFirst[0];
  }

  /** Levels best first, at most `limit`. */
  levels(limit = Number.POSITIVE_INFINITY): [ticks: number, lots: number][] {
    const count = Math.min(limit, this.worstFirst.length);
    const out: [number, number][] = [];
    for (let n = 0; n < count; n++) {
      const ticks = this.ticksFromTouch(n)!;
      out.push([ticks, this.lotsByTicks.get(ticks)!]);
    }
    return out;
  }

  /** Binary search: the index of `ticks`, or where it would be inserted. */
  private indexOf(ticks: number): number {
    const key = this.direction * ticks;
    let low = 0;
    let high = this.worstFirst.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.direction * this.worstFirst[mid] < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
