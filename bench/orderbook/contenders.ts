import * as ccxt from 'ccxt';
import { BookSnapshot, DepthDiffEvent, LevelTuple, OrderBook } from '@app/orderbook';

/** A book's best levels and depth, as numbers, for checking two contenders agree. */
export interface BookSummary {
  readonly bestBid?: readonly [number, number];
  readonly bestAsk?: readonly [number, number];
  readonly bidCount: number;
  readonly askCount: number;
}

/**
 * One order-book implementation under test. `load` (a snapshot arriving) is not timed; `apply`
 * (the diffs, the hot path) is.
 */
export interface Contender<Book = unknown> {
  readonly name: string;
  load(snapshot: BookSnapshot): Book;
  apply(book: Book, diffs: readonly DepthDiffEvent[]): void;
  summarize(book: Book): BookSummary;
}

/** Ours, as DepthSynchronizer drives it in the orderbook service: `applyUpdate` per diff. */
export const exactEngine: Contender<OrderBook> = {
  name: '@app/orderbook',
  load(snapshot) {
    const book = new OrderBook();
    book.loadSnapshot(snapshot);
    return book;
  },
  apply(book, diffs) {
    for (const diff of diffs) book.applyUpdate(diff.u, diff.b, diff.a);
  },
  summarize(book) {
    const bid = book.bestBid();
    const ask = book.bestAsk();
    return {
      bestBid: bid && [Number(bid.price), Number(bid.quantity)],
      bestAsk: ask && [Number(ask.price), Number(ask.quantity)],
      bidCount: book.bidCount,
      askCount: book.askCount,
    };
  },
};

const binance = new ccxt.pro.binance();
type CcxtBook = ReturnType<typeof binance.orderBook>;

/**
 * ccxt's order book as ccxt.pro's binance keeps it: the REST snapshot parsed to floats
 * (`parseOrderBook`) and `reset` into the book (`fetchOrderBookSnapshot`), then every diff
 * through binance's own `handleOrderBookMessage` (safeFloat price and amount, `store` on the
 * asks then the bids side, nonce and timestamp).
 */
export const ccxtBinance: Contender<CcxtBook> = {
  name: 'ccxt',
  load: loadCcxtBook,
  apply(book, diffs) {
    // handleOrderBookMessage ignores its client argument and reads the diff as a plain dict.
    for (const diff of diffs)
      binance.handleOrderBookMessage(undefined as never, diff as never, book);
  },
  summarize: summarizeCcxtBook,
};

/**
 * The same ccxt book with only its core: `store(parseFloat(price), parseFloat(amount))` per
 * level, none of the message handling around it. A lower bound on what ccxt costs, so the ratio
 * cannot flatter us by charging ccxt for its dict helpers.
 */
export const ccxtStoreOnly: Contender<CcxtBook> = {
  name: 'ccxt-store-only',
  load: loadCcxtBook,
  apply(book, diffs) {
    for (const diff of diffs) {
      for (const [price, amount] of diff.a) book.asks.store(parseFloat(price), parseFloat(amount));
      for (const [price, amount] of diff.b) book.bids.store(parseFloat(price), parseFloat(amount));
      book.nonce = diff.u;
    }
  },
  summarize: summarizeCcxtBook,
};

function loadCcxtBook(snapshot: BookSnapshot): CcxtBook {
  const book = binance.orderBook({});
  // Fresh float rows every load: ccxt stores the rows it is given and updates them in place.
  book.reset({
    nonce: snapshot.lastUpdateId,
    bids: toFloatRows(snapshot.bids),
    asks: toFloatRows(snapshot.asks),
  });
  return book;
}

function toFloatRows(levels: readonly LevelTuple[]): [number, number][] {
  return levels.map(([price, amount]) => [parseFloat(price), parseFloat(amount)]);
}

function summarizeCcxtBook(book: CcxtBook): BookSummary {
  // ccxt types its rows as any; they are [price, amount] floats, best first.
  const bids = book.bids as unknown as readonly (readonly [number, number])[];
  const asks = book.asks as unknown as readonly (readonly [number, number])[];
  const bid = bids[0];
  const ask = asks[0];
  return {
    bestBid: bid && [bid[0], bid[1]],
    bestAsk: ask && [ask[0], ask[1]],
    bidCount: bids.length,
    askCount: asks.length,
  };
}

/** Throws unless two contenders' books have the same best bid and ask and the same depth. */
export function assertSameBook(stream: string, ours: BookSummary, theirs: BookSummary): void {
  const a = JSON.stringify(ours);
  const b = JSON.stringify(theirs);
  if (a !== b) throw new Error(`${stream}: books disagree: ours ${a}, ccxt ${b}`);
}
