import {
  BinanceHttpError,
  BinanceRestClient,
  isRateLimitStatus,
  RestUrlUnknownError,
} from '@app/exchange';
import { DepthSnapshot, SnapshotFetchError } from '@app/orderbook';

/** Where depth snapshots come from. The service depends on this interface only. */
export interface SnapshotSource {
  fetchDepth(symbol: string, limit: number): Promise<DepthSnapshot>;
}

/** When a 429/418 carries no usable Retry-After, stay away this long rather than guess low. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * Depth snapshots through the shared Binance REST client (its weight table, Retry-After parsing,
 * timeout and response check). The snapshot scheduler paces and budgets the requests and the
 * synchronizer retries them, so the client does not retry a 429/418 itself: it hands the exchange's
 * wait on as a SnapshotFetchError, which holds back every symbol. Its own budget is the exchange's
 * whole limit: it only holds a request the exchange would refuse anyway (another process of the
 * same IP having used the minute's weight).
 */
export class BinanceSnapshotSource implements SnapshotSource {
  private readonly client: BinanceRestClient;

  /** `baseUrl` as BinanceRestClient takes it: a function while the exchange is not running yet. */
  constructor(baseUrl: string | (() => string | null), options: { fetch?: typeof fetch } = {}) {
    this.client = new BinanceRestClient({
      baseUrl,
      maxWeightPerMinute: 6_000,
      maxRateLimitRetries: 0,
      ...options,
    });
  }

  async fetchDepth(symbol: string, limit: number): Promise<DepthSnapshot> {
    try {
      return await this.client.depth(symbol, limit);
    } catch (error) {
      throw asSnapshotFetchError(error, symbol);
    }
  }
}

/** The synchronizer's error for a refusal; anything else (a timeout, a bad body) as it is. */
function asSnapshotFetchError(error: unknown, symbol: string): unknown {
  if (error instanceof RestUrlUnknownError) {
    return new SnapshotFetchError(`depth ${symbol}: ${error.message}`);
  }
  if (!(error instanceof BinanceHttpError)) return error;
  if (isRateLimitStatus(error.status)) {
    return new SnapshotFetchError(
      `depth ${symbol}: HTTP ${error.status}`,
      error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
    );
  }
  return new SnapshotFetchError(
    `depth ${symbol}: HTTP ${error.status} ${error.exchangeMessage.slice(0, 200)}`,
  );
}
