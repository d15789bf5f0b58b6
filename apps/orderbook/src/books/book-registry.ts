import { BookTickerEvent, BookUpdateEvent, DepthDiffEvent, MarketDataSource } from '@app/contracts';
import {
  bookChecksum,
  BookTop,
  DepthSynchronizer,
  PriceLevel,
  ResyncEvent,
  Scheduler,
  SnapshotFetcher,
  StateChangedEvent,
} from '@app/orderbook';
import { Conflator } from '../publishing/conflator';
import { publishedView } from '../anomaly/deviation-filter';

export interface PublishedBook {
  readonly view: BookUpdateEvent;
  /** Best bid and ask of the true (unfiltered) book; absent while a side is empty. */
  readonly ticker: BookTickerEvent | undefined;
}

export interface BookRegistryOptions {
  readonly fetchSnapshot: SnapshotFetcher;
  /** Forgets a released symbol's queued snapshot request. */
  readonly cancelSnapshot: (symbol: string) => void;
  readonly timers: Scheduler;
  readonly clock: () => number;
  readonly depth: number;
  readonly publishIntervalMs: number;
  readonly maxDeviationPercent: (symbol: string) => string | undefined;
  readonly publish: (book: PublishedBook) => void;
  readonly onResync?: (event: ResyncEvent) => void;
  readonly onStateChanged?: (event: StateChangedEvent) => void;
  readonly onListenerError?: (error: unknown) => void;
}

interface OwnedBook {
  readonly sync: DepthSynchronizer;
  partition: number;
  source: MarketDataSource;
  exchangeTime: number;
  receivedAt: number;
}

export type FullDepth =
  | { readonly kind: 'live'; readonly lastUpdateId: number; readonly top: BookTop }
  | { readonly kind: 'not-live' }
  | { readonly kind: 'unknown' };

/**
 * The books this replica owns: one DepthSynchronizer per symbol, created by the symbol's first diff
 * (whose arrival starts the snapshot) and released when its partition is revoked. Book changes are
 * conflated per symbol and published as the filtered top-N view with its checksum.
 */
export class BookRegistry {
  private readonly books = new Map<string, OwnedBook>();
  /** The latest assignment seen; until the first, every partition is taken as ours. */
  private assigned: ReadonlySet<number> | undefined;
  private readonly conflator: Conflator;

  constructor(private readonly options: BookRegistryOptions) {
    this.conflator = new Conflator(options.publishIntervalMs, options.clock, options.timers, (s) =>
      this.publish(s),
    );
  }

  get symbols(): string[] {
    return [...this.books.keys()].sort();
  }

  get liveCount(): number {
    let live = 0;
    for (const owned of this.books.values()) if (owned.sync.state === 'live') live++;
    return live;
  }

  stateOf(symbol: string): string | undefined {
    return this.books.get(symbol)?.sync.state;
  }

  handleDiff(event: DepthDiffEvent, partition: number): void {
    // A message of a revoked partition can still arrive from a batch fetched before the
    // rebalance; adopting its symbol again would leave a book that no diff ever updates.
    if (this.assigned && !this.assigned.has(partition)) return;
    const owned = this.books.get(event.symbol) ?? this.adopt(event.symbol, partition);
    owned.partition = partition;
    owned.source = event.source;
    owned.receivedAt = event.receivedAt;
    owned.sync.handleEvent({
      E: event.exchangeTime,
      U: event.firstUpdateId,
      u: event.finalUpdateId,
      b: event.bids,
      a: event.asks,
    });
  }

  /**
   * The group's new assignment for the depth topic: books of partitions no longer ours are
   * released (another replica syncs them now). Returns the released symbols.
   */
  assign(partitions: readonly number[]): string[] {
    const owned = new Set(partitions);
    this.assigned = owned;
    const released = [...this.books].filter(([, book]) => !owned.has(book.partition));
    for (const [symbol] of released) this.release(symbol);
    return released.map(([symbol]) => symbol).sort();
  }

  release(symbol: string): void {
    const owned = this.books.get(symbol);
    if (!owned) return;
    owned.sync.stop();
    this.books.delete(symbol);
    this.conflator.forget(symbol);
    this.options.cancelSnapshot(symbol);
  }

  close(): void {
    for (const symbol of [...this.books.keys()]) this.release(symbol);
    this.conflator.close();
  }

  /** Up to `depth` levels per side of the true book (no filter), if this replica holds it live. */
  fullDepth(symbol: string, depth: number): FullDepth {
    const owned = this.books.get(symbol);
    if (!owned) return { kind: 'unknown' };
    if (owned.sync.state !== 'live') return { kind: 'not-live' };
    const book = owned.sync.orderBook;
    return { kind: 'live', lastUpdateId: book.lastUpdateId, top: book.top(depth) };
  }

  private adopt(symbol: string, partition: number): OwnedBook {
    const sync = new DepthSynchronizer({
      symbol,
      fetchSnapshot: this.options.fetchSnapshot,
      scheduler: this.options.timers,
      onListenerError: this.options.onListenerError,
    });
    const owned: OwnedBook = { sync, partition, source: 'binance', exchangeTime: 0, receivedAt: 0 };
    sync.onBookUpdated((event) => {
      owned.exchangeTime = event.eventTime;
      this.conflator.offer(symbol);
    });
    if (this.options.onResync) sync.onResync(this.options.onResync);
    if (this.options.onStateChanged) sync.onStateChanged(this.options.onStateChanged);
    this.books.set(symbol, owned);
    return owned;
  }

  private publish(symbol: string): void {
    const owned = this.books.get(symbol);
    // A book that went out of sync since the change was offered is not shown; its next sync is.
    if (!owned || owned.sync.state !== 'live') return;
    const book = owned.sync.orderBook;
    const top = publishedView(book, this.options.depth, this.options.maxDeviationPercent(symbol));
    const producedAt = this.options.clock();
    const view: BookUpdateEvent = {
      symbol,
      lastUpdateId: book.lastUpdateId,
      bids: top.bids.map(tuple),
      asks: top.asks.map(tuple),
      depth: this.options.depth,
      checksum: bookChecksum(top),
      exchangeTime: owned.exchangeTime,
      producedAt,
    };
    const bid = book.bestBid();
    const ask = book.bestAsk();
    const ticker: BookTickerEvent | undefined =
      bid && ask
        ? {
            source: owned.source,
            symbol,
            updateId: book.lastUpdateId,
            bidPrice: bid.price,
            bidQty: bid.quantity,
            askPrice: ask.price,
            askQty: ask.quantity,
            exchangeTime: owned.exchangeTime,
            receivedAt: owned.receivedAt,
            producedAt,
          }
        : undefined;
    this.options.publish({ view, ticker });
  }
}

function tuple(level: PriceLevel): [string, string] {
  return [level.price, level.quantity];
}
