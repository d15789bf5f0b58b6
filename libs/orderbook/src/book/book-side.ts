import {
  compareDecimalKeys,
  createDecimalKey,
  DecimalKey,
  isZeroDecimal,
  parseDecimalInto,
} from '@app/decimal';
import { BookSideName, PriceLevel } from './book-types';

/** A stored level: its exact key plus the exchange's strings, updated in place. */
class StoredLevel implements DecimalKey, PriceLevel {
  readonly integerPart: number;
  readonly fractionHigh: number;
  readonly fractionLow: number;

  constructor(
    key: DecimalKey,
    public price: string,
    public quantity: string,
  ) {
    this.integerPart = key.integerPart;
    this.fractionHigh = key.fractionHigh;
    this.fractionLow = key.fractionLow;
  }
}

/**
 * One side of a book: a sorted array searched by binary search. The array is stored worst level
 * first so that the touch sits at its end: most updates land near the touch, and inserting or
 * removing there shifts only the few levels above it. Updating a quantity allocates nothing; only
 * a new price level allocates its one object.
 */
export class BookSide {
  private readonly levels: StoredLevel[] = [];
  /** Reused for every lookup so that applying a level does not allocate a key. */
  private readonly searchKey = createDecimalKey();
  /** +1 when stored by ascending price (bids: the worst is the lowest), -1 for asks. */
  private readonly storageOrder: 1 | -1;

  constructor(readonly name: BookSideName) {
    this.storageOrder = name === 'bid' ? 1 : -1;
  }

  get size(): number {
    return this.levels.length;
  }

  /**
   * Sets the level at `price` to `quantity` (absolute); a zero quantity removes the level, and
   * removing a level that is not there is a no-op (it was beyond the snapshot's depth). Both
   * strings are validated before anything changes.
   */
  set(price: string, quantity: string): void {
    const removing = isZeroDecimal(quantity);
    const key = parseDecimalInto(price, this.searchKey);
    const levels = this.levels;
    const index = this.lowerBound(key);
    const found = index < levels.length && compareDecimalKeys(levels[index], key) === 0;
    if (found) {
      if (removing) this.removeAt(index);
      else {
        // The latest string wins, so output follows the exchange's current spelling of a price.
        levels[index].price = price;
        levels[index].quantity = quantity;
      }
    } else if (!removing) {
      this.insertAt(index, new StoredLevel(key, price, quantity));
    }
  }

  /** The level `rank` places from the touch (0 is the best), as a live read-only view. */
  at(rank: number): (PriceLevel & DecimalKey) | undefined {
    return this.levels[this.levels.length - 1 - rank];
  }

  clear(): void {
    this.levels.length = 0;
  }

  /** Index of the level at `key` if there is one, else the index where it belongs. */
  private lowerBound(key: DecimalKey): number {
    const levels = this.levels;
    let low = 0;
    let high = levels.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.storageOrder * compareDecimalKeys(levels[middle], key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  // Manual shifts instead of splice: splice allocates an array of the removed elements.
  private insertAt(index: number, level: StoredLevel): void {
    const levels = this.levels;
    let position = levels.length;
    levels.push(level);
    for (; position > index; position--) levels[position] = levels[position - 1];
    levels[index] = level;
  }

  private removeAt(index: number): void {
    const levels = this.levels;
    const last = levels.length - 1;
    for (let position = index; position < last; position++) levels[position] = levels[position + 1];
    levels.pop();
  }
}
