/*
 * The latest-state keys in Redis (or the embedded in-memory cache), shared by the services that
 * write them and the gateway that reads them for instant snapshots and fast REST answers. Values
 * are the JSON of the named contract class. Keys are relative: the cache adds CACHE_KEY_PREFIX.
 *
 *   writer      key                         value
 *   orderbook   book:<SYMBOL>               BookUpdateEvent (latest published top-N view)
 *   orderbook   bookticker:<SYMBOL>         BookTickerEvent (latest best bid/ask)
 *   aggregator  trades:<SYMBOL>             list of TradeEvent, newest first, capped at 100
 *   aggregator  ticker:<SYMBOL>             Ticker24hEvent (latest)
 *   aggregator  stats:<PAIR>:<WINDOW>       StatsUpdateEvent (latest committed figures)
 *   aggregator  stats:top:<WINDOW>          JSON array of { pair, market, quoteVolume }, by volume
 *   producer    markets                     JSON array of { symbol, status } known to the producer
 */
export const RECENT_TRADES_CAP = 100;

export const CacheKeys = {
  book: (symbol: string) => `book:${symbol}`,
  bookTicker: (symbol: string) => `bookticker:${symbol}`,
  trades: (symbol: string) => `trades:${symbol}`,
  ticker: (symbol: string) => `ticker:${symbol}`,
  stats: (pair: string, window: string) => `stats:${pair}:${window}`,
  topPairs: (window: string) => `stats:top:${window}`,
  markets: () => 'markets',
} as const;
