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
 *   aggregator  stats:<PAIR>:<SPAN>         PairStats (latest committed figures; 1m, 1h, 24h, all)
 *   aggregator  stats:top:<SPAN>            JSON array of { pair, market, quoteVolume }, by volume (1h, 24h, all)
 *   aggregator  markets                     hash: field SYMBOL → MarketEvent (md.market.v1, latest)
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
