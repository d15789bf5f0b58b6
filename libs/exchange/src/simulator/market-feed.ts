import { DepthSnapshotPayload } from './binance-payloads';

/** The streams a feed pushes per symbol; `depth@1000ms` is what `<s>@depth` carries. */
export const STREAM_KINDS = [
  'depth@100ms',
  'depth@1000ms',
  'bookTicker',
  'trade',
  'aggTrade',
  'ticker',
] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

export type FeedSink = (symbol: string, kind: StreamKind, payload: object) => void;

export interface ExchangeSymbolInfo {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  tickSize: string;
  stepSize: string;
}

/**
 * Where the server's market comes from: the simulated market, or a recording replayed. The server
 * owns the protocol (REST, WS, weights, faults); a feed owns the data and its timing.
 */
export interface MarketFeed {
  readonly symbols: readonly string[];
  exchangeSymbols(): ExchangeSymbolInfo[];
  /** May wait: a replay answers with the recorded snapshot once replay time reaches it. */
  depth(symbol: string, limit: number): Promise<DepthSnapshotPayload>;
  bookTicker(symbol: string): object | undefined;
  ticker24h(symbol: string): object;
  trades(symbol: string, limit: number): object[];
  /**
   * `/api/v3/aggTrades`: up to `limit` aggregate trades from `fromId` on (the newest `limit` without
   * it), from the history the feed keeps. Absent: the feed keeps none (a replay).
   */
  aggTrades?(symbol: string, fromId: number | null, limit: number): object[];
  /** `/api/v3/historicalTrades`: as `aggTrades`, for single trades. */
  historicalTrades?(symbol: string, fromId: number | null, limit: number): object[];
  /** The book the streams describe, all levels or the top `limit`; undefined if not known. */
  trueBook(symbol: string, limit?: number): DepthSnapshotPayload | undefined;
  start(sink: FeedSink): void;
  stop(): void;
  /** Stops the market's motion (pending diffs are still pushed), for a quiet moment in tests. */
  setPaused(paused: boolean): void;
  /**
   * Lists a symbol with another exchangeInfo status (BREAK: delisted or halted, its market stands
   * still; TRADING again: it moves), as the exchange does at run time. Simulated markets only.
   */
  setStatus?(symbol: string, status: string): void;
}

const QUOTE_ASSETS = [
  'USDT',
  'USDC',
  'FDUSD',
  'BUSD',
  'TUSD',
  'BTC',
  'ETH',
  'BNB',
  'EUR',
  'AUD',
  'BRL',
  'TRY',
];

/** BTCUSDT → BTC / USDT, by the quote assets Binance lists. */
export function splitSymbol(symbol: string): { baseAsset: string; quoteAsset: string } {
  const quote =
    QUOTE_ASSETS.find((q) => symbol.endsWith(q) && symbol.length > q.length) ?? symbol.slice(-3);
  return { baseAsset: symbol.slice(0, symbol.length - quote.length), quoteAsset: quote };
}
