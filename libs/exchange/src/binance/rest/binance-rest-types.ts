/** The parts of Binance spot's REST responses this project reads (fields as the exchange names them). */

export interface SymbolFilter {
  filterType: string;
  tickSize?: string;
  stepSize?: string;
  [key: string]: unknown;
}

export interface ExchangeSymbol {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  filters: SymbolFilter[];
}

export interface ExchangeInfo {
  timezone?: string;
  serverTime?: number;
  symbols: ExchangeSymbol[];
}

export interface DepthSnapshot {
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

export interface RestTicker24h {
  symbol: string;
  priceChange: string;
  priceChangePercent: string;
  weightedAvgPrice: string;
  lastPrice: string;
  lastQty: string;
  openPrice: string;
  highPrice: string;
  lowPrice: string;
  volume: string;
  quoteVolume: string;
  openTime: number;
  closeTime: number;
  count: number;
}

export interface RecentTrade {
  id: number;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
}

/** Request weights as Binance spot documents them. */
export const REST_WEIGHTS = {
  exchangeInfo: 20,
  depth(limit: number): number {
    if (limit <= 100) return 5;
    if (limit <= 500) return 25;
    if (limit <= 1000) return 50;
    return 250;
  },
  ticker24h(symbolCount: number | 'all'): number {
    if (symbolCount === 'all') return 80;
    if (symbolCount <= 20) return 2 * symbolCount;
    if (symbolCount <= 100) return 40;
    return 80;
  },
  trades: 25,
  historicalTrades: 25,
  aggTrades: 4,
} as const;

/**
 * Binance answered with an error status; `code`/`msg` are its own error body when it sent one;
 * `retryAfterMs` its `Retry-After` on a 429/418, when usable.
 */
export class BinanceHttpError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly code: number | null,
    readonly exchangeMessage: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(`${path} answered ${status}${code === null ? '' : ` (${code})`}: ${exchangeMessage}`);
    this.name = BinanceHttpError.name;
  }
}

/** 429 (too many requests) or 418 (banned for ignoring 429s): the exchange's rate limit. */
export function isRateLimitStatus(status: number): boolean {
  return status === 429 || status === 418;
}

/** Binance answered 2xx with a body that is not what its documentation promises. */
export class BinanceResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = BinanceResponseError.name;
  }
}

/** A depth answer checked for its documented shape: `{lastUpdateId, bids, asks}`, levels as strings. */
export function parseDepthSnapshot(json: unknown, symbol: string): DepthSnapshot {
  const body = json as { lastUpdateId?: unknown; bids?: unknown; asks?: unknown } | null;
  if (
    !body ||
    !Number.isSafeInteger(body.lastUpdateId) ||
    !isLevels(body.bids) ||
    !isLevels(body.asks)
  ) {
    throw new BinanceResponseError(`depth ${symbol}: response is not {lastUpdateId, bids, asks}`);
  }
  return { lastUpdateId: body.lastUpdateId as number, bids: body.bids, asks: body.asks };
}

function isLevels(value: unknown): value is [string, string][] {
  return (
    Array.isArray(value) &&
    value.every(
      (level) =>
        Array.isArray(level) &&
        level.length >= 2 &&
        typeof level[0] === 'string' &&
        typeof level[1] === 'string',
    )
  );
}
