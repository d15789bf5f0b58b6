export type BookSideName = 'bid' | 'ask';

/** One price level, with the exchange's own decimal strings. */
export interface PriceLevel {
  readonly price: string;
  readonly quantity: string;
}

/** A level as Binance sends it in snapshots and diffs: `[price, quantity]`. */
export type LevelTuple = readonly [price: string, quantity: string];

/** The best levels of each side, best first. */
export interface BookTop {
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
}

/** A full book at one update id, e.g. a `GET /api/v3/depth` response. */
export interface BookSnapshot {
  readonly lastUpdateId: number;
  readonly bids: readonly LevelTuple[];
  readonly asks: readonly LevelTuple[];
}

/** What a reader of a book (a publisher, a listener) may do with it. */
export interface ReadonlyOrderBook {
  /** The exchange update id the book reflects (the snapshot's, then each applied diff's `u`). */
  readonly lastUpdateId: number;
  readonly bidCount: number;
  readonly askCount: number;
  bestBid(): PriceLevel | undefined;
  bestAsk(): PriceLevel | undefined;
  /** Best ask minus best bid, exact; undefined while a side is empty. */
  spread(): string | undefined;
  /** (best bid + best ask) / 2, exact; undefined while a side is empty. */
  mid(): string | undefined;
  /** True when best bid >= best ask (crossed or locked), which a correct book never is. */
  isCrossed(): boolean;
  /** At most `depth` levels per side, best first, in O(depth). */
  top(depth: number): BookTop;
  /** Every bid, best (highest) first, lazily: finish iterating before the book changes. */
  bids(): IterableIterator<PriceLevel>;
  /** Every ask, best (lowest) first, lazily: finish iterating before the book changes. */
  asks(): IterableIterator<PriceLevel>;
  /** CRC-32 of the top `depth` levels; the format is in libs/orderbook/README.md. */
  checksum(depth?: number): number;
}
