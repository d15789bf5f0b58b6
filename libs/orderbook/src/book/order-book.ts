import { DEFAULT_CHECKSUM_DEPTH, bookChecksum } from '../checksum/book-checksum';
import { compareDecimalKeys } from '@app/decimal';
import { midpointOfDecimals, subtractDecimals } from '@app/decimal';
import { BookSide } from './book-side';
import {
  BookSideName,
  BookSnapshot,
  BookTop,
  LevelTuple,
  PriceLevel,
  ReadonlyOrderBook,
} from './book-types';

/**
 * A local limit order book for one symbol: bids and asks keyed by exact decimal price, holding
 * the exchange's own price and quantity strings. Pure and synchronous; it does not check update
 * ids (DepthSynchronizer does) but records the last one applied.
 */
export class OrderBook implements ReadonlyOrderBook {
  private readonly bidSide = new BookSide('bid');
  private readonly askSide = new BookSide('ask');
  private updateId = 0;

  get lastUpdateId(): number {
    return this.updateId;
  }

  get bidCount(): number {
    return this.bidSide.size;
  }

  get askCount(): number {
    return this.askSide.size;
  }

  /**
   * Sets one level to an absolute quantity; "0" (in any spelling) removes it, and removing an
   * absent level is a no-op. Throws InvalidDecimalError, leaving the book as it was, on a
   * malformed string.
   */
  apply(side: BookSideName, price: string, quantity: string): void {
    this.side(side).set(price, quantity);
  }

  /**
   * Applies one diff's levels and records its last update id. A malformed level throws after the
   * levels before it were applied: the caller must then discard the book (DepthSynchronizer does).
   */
  applyUpdate(
    lastUpdateId: number,
    bids: readonly LevelTuple[],
    asks: readonly LevelTuple[],
  ): void {
    for (const [price, quantity] of bids) this.bidSide.set(price, quantity);
    for (const [price, quantity] of asks) this.askSide.set(price, quantity);
    this.updateId = lastUpdateId;
  }

  /** Replaces the whole book with a snapshot. */
  loadSnapshot(snapshot: BookSnapshot): void {
    this.clear();
    this.applyUpdate(snapshot.lastUpdateId, snapshot.bids, snapshot.asks);
  }

  clear(): void {
    this.bidSide.clear();
    this.askSide.clear();
    this.updateId = 0;
  }

  bestBid(): PriceLevel | undefined {
    return copyLevel(this.bidSide.at(0));
  }

  bestAsk(): PriceLevel | undefined {
    return copyLevel(this.askSide.at(0));
  }

  spread(): string | undefined {
    const bid = this.bidSide.at(0);
    const ask = this.askSide.at(0);
    return bid && ask ? subtractDecimals(ask.price, bid.price) : undefined;
  }

  mid(): string | undefined {
    const bid = this.bidSide.at(0);
    const ask = this.askSide.at(0);
    return bid && ask ? midpointOfDecimals(bid.price, ask.price) : undefined;
  }

  isCrossed(): boolean {
    const bid = this.bidSide.at(0);
    const ask = this.askSide.at(0);
    return bid !== undefined && ask !== undefined && compareDecimalKeys(bid, ask) >= 0;
  }

  top(depth: number): BookTop {
    return { bids: topOf(this.bidSide, depth), asks: topOf(this.askSide, depth) };
  }

  bids(): IterableIterator<PriceLevel> {
    return levelsOf(this.bidSide);
  }

  asks(): IterableIterator<PriceLevel> {
    return levelsOf(this.askSide);
  }

  checksum(depth = DEFAULT_CHECKSUM_DEPTH): number {
    return bookChecksum(this.top(depth));
  }

  private side(name: BookSideName): BookSide {
    return name === 'bid' ? this.bidSide : this.askSide;
  }
}

// Readers get copies: a stored level is updated in place, so a kept reference would change later.
function copyLevel(level: PriceLevel | undefined): PriceLevel | undefined {
  return level && { price: level.price, quantity: level.quantity };
}

function topOf(side: BookSide, depth: number): PriceLevel[] {
  const levels: PriceLevel[] = [];
  for (let rank = 0; rank < depth; rank++) {
    const level = copyLevel(side.at(rank));
    if (!level) break;
    levels.push(level);
  }
  return levels;
}

function* levelsOf(side: BookSide): IterableIterator<PriceLevel> {
  for (let rank = 0; ; rank++) {
    const level = copyLevel(side.at(rank));
    if (!level) return;
    yield level;
  }
}
