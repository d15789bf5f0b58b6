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

/** Binance answered with an error status; `code`/`msg` are its own error body when it sent one. */
export class BinanceHttpError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly code: number | null,
    readonly exchangeMessage: string,
  ) {
    super(`${path} answered ${status}${code === null ? '' : ` (${code})`}: ${exchangeMessage}`);
    this.name = BinanceHttpError.name;
  }
}
