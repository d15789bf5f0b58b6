import { RawAggTrade } from '../binance-events';
import { RequestWeightBudget } from './request-weight-budget';
import { RetryAfterGate, retryAfterMs } from './retry-after-gate';
import {
  BinanceHttpError,
  DepthSnapshot,
  ExchangeInfo,
  isRateLimitStatus,
  parseDepthSnapshot,
  RecentTrade,
  REST_WEIGHTS,
  RestTicker24h,
} from './binance-rest-types';

export interface BinanceRestClientOptions {
  /**
   * e.g. https://api.binance.com, or a simulator/replay `http://127.0.0.1:PORT`. A function when the
   * URL is known only once the exchange runs (the embedded mode's in-process simulator): asked on
   * each request, null while it is not known yet (the request then fails with RestUrlUnknownError).
   */
  baseUrl: string | (() => string | null);
  /** Our own per-minute weight budget, below the exchange's 6,000. */
  maxWeightPerMinute?: number;
  /** Attempts after a 429/418 before giving up on one request. */
  maxRateLimitRetries?: number;
  /** A request that has not answered in this long fails (AbortSignal.timeout); default 10 s. */
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

/** The client was asked for something before its exchange's REST URL was known. */
export class RestUrlUnknownError extends Error {
  constructor() {
    super("the exchange's REST URL is not known yet");
    this.name = RestUrlUnknownError.name;
  }
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Binance spot REST (market data only). Every request first waits for the shared 429 pause and for
 * room in the weight budget, one request at a time in arrival order, so a burst of snapshot
 * requests queues locally instead of reaching the exchange's limit.
 */
export class BinanceRestClient {
  readonly budget: RequestWeightBudget;
  private readonly gate: RetryAfterGate;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BinanceRestClientOptions) {
    const now = options.now ?? Date.now;
    this.now = now;
    this.budget = new RequestWeightBudget(options.maxWeightPerMinute ?? 4_800, now);
    this.gate = new RetryAfterGate(now);
    this.sleep = options.sleep ?? defaultSleep;
    this.fetch = options.fetch ?? fetch;
  }

  /** Weight used in the current minute as the exchange last reported it, plus requests in flight. */
  get usedWeight(): number {
    return this.budget.used;
  }

  exchangeInfo(symbols?: string[]): Promise<ExchangeInfo> {
    const query: Record<string, string> = symbols?.length
      ? { symbols: JSON.stringify(symbols) }
      : {};
    return this.get('/api/v3/exchangeInfo', query, REST_WEIGHTS.exchangeInfo);
  }

  async depth(symbol: string, limit = 5000): Promise<DepthSnapshot> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 5000) {
      throw new RangeError(`depth limit must be an integer from 1 to 5000 (got ${limit})`);
    }
    const body = await this.get<unknown>(
      '/api/v3/depth',
      { symbol, limit: String(limit) },
      REST_WEIGHTS.depth(limit),
    );
    return parseDepthSnapshot(body, symbol);
  }

  async ticker24h(symbols?: string[]): Promise<RestTicker24h[]> {
    const query: Record<string, string> = symbols?.length
      ? { symbols: JSON.stringify(symbols) }
      : {};
    const weight = REST_WEIGHTS.ticker24h(symbols?.length ? symbols.length : 'all');
    const body = await this.get<RestTicker24h | RestTicker24h[]>(
      '/api/v3/ticker/24hr',
      query,
      weight,
    );
    return Array.isArray(body) ? body : [body];
  }

  trades(symbol: string, limit = 500): Promise<RecentTrade[]> {
    return this.get('/api/v3/trades', { symbol, limit: String(limit) }, REST_WEIGHTS.trades);
  }

  /**
   * Aggregate trades from `fromId` on, oldest first (at most `limit`, up to 1000): what a trade
   * stream missed while it was away. Rows have the stream's fields without `e`, `E` and `s`.
   */
  aggTrades(symbol: string, fromId: number, limit = 1000): Promise<RawAggTrade[]> {
    return this.get(
      '/api/v3/aggTrades',
      { symbol, fromId: String(fromId), limit: String(limit) },
      REST_WEIGHTS.aggTrades,
    );
  }

  /** Single trades from `fromId` on, oldest first (at most `limit`, up to 1000). */
  historicalTrades(symbol: string, fromId: number, limit = 1000): Promise<RecentTrade[]> {
    return this.get(
      '/api/v3/historicalTrades',
      { symbol, fromId: String(fromId), limit: String(limit) },
      REST_WEIGHTS.historicalTrades,
    );
  }

  private async get<T>(path: string, query: Record<string, string>, weight: number): Promise<T> {
    const maxRetries = this.options.maxRateLimitRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      const url = this.urlOf(path, query);
      await this.admitInOrder(weight);
      const response = await this.send(url, weight);
      if (response.ok) {
        this.gate.succeeded();
        return (await response.json()) as T;
      }
      const retryAfter = isRateLimitStatus(response.status)
        ? retryAfterMs(response.headers.get('retry-after'), this.now())
        : null;
      const error = await httpError(response, path, retryAfter);
      if (!isRateLimitStatus(response.status)) throw error;
      // Pause every request of this client, not just this one: that is what avoids the 418 ban.
      this.gate.rateLimited(retryAfter);
      if (attempt >= maxRetries) throw error;
    }
  }

  private urlOf(path: string, query: Record<string, string>): URL {
    const { baseUrl } = this.options;
    const base = typeof baseUrl === 'string' ? baseUrl : baseUrl();
    if (base === null) throw new RestUrlUnknownError();
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  /** Admission is serialized (FIFO); the requests themselves then run concurrently. */
  private admitInOrder(weight: number): Promise<void> {
    const admitted = this.queue.then(() => this.admit(weight));
    this.queue = admitted.catch(() => undefined);
    return admitted;
  }

  private async admit(weight: number): Promise<void> {
    for (;;) {
      const paused = this.gate.waitMs;
      if (paused > 0) {
        await this.sleep(paused);
        continue;
      }
      const wait = this.budget.tryReserve(weight);
      if (wait === 0) return;
      await this.sleep(wait);
    }
  }

  private async send(url: URL, weight: number): Promise<Response> {
    try {
      const signal = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
      const response = await this.fetch(url, { signal });
      this.budget.settle(weight, usedWeightOf(response.headers));
      return response;
    } catch (error) {
      this.budget.settle(weight, null);
      throw error;
    }
  }
}

function usedWeightOf(headers: Headers): number | null {
  const value = headers.get('x-mbx-used-weight-1m') ?? headers.get('x-mbx-used-weight');
  const parsed = value === null ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

async function httpError(
  response: Response,
  path: string,
  retryAfterMs: number | null,
): Promise<BinanceHttpError> {
  const text = await response.text();
  let code: number | null = null;
  let message = text;
  try {
    const body = JSON.parse(text) as { code?: number; msg?: string };
    code = body.code ?? null;
    message = body.msg ?? text;
  } catch {
    // Not Binance's JSON error body (a proxy's page, an empty 429): the text is the message.
  }
  return new BinanceHttpError(response.status, path, code, message, retryAfterMs);
}
