import { RawAggTrade } from '../binance-events';
import { RequestWeightBudget } from './request-weight-budget';
import { RetryAfterGate } from './retry-after-gate';
import {
  BinanceHttpError,
  DepthSnapshot,
  ExchangeInfo,
  RecentTrade,
  REST_WEIGHTS,
  RestTicker24h,
} from './binance-rest-types';

export interface BinanceRestClientOptions {
  /** e.g. https://api.binance.com, or a simulator/replay `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** Our own per-minute weight budget, below the exchange's 6,000. */
  maxWeightPerMinute?: number;
  /** Attempts after a 429/418 before giving up on one request. */
  maxRateLimitRetries?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
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
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BinanceRestClientOptions) {
    const now = options.now ?? Date.now;
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
    return this.get('/api/v3/depth', { symbol, limit: String(limit) }, REST_WEIGHTS.depth(limit));
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
      await this.admitInOrder(weight);
      const response = await this.send(path, query, weight);
      if (response.ok) {
        this.gate.succeeded();
        return (await response.json()) as T;
      }
      const error = await httpError(response, path);
      if (response.status !== 429 && response.status !== 418) throw error;
      // Pause every request of this client, not just this one: that is what avoids the 418 ban.
      this.gate.rateLimited(retryAfterOf(response.headers));
      if (attempt >= maxRetries) throw error;
    }
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

  private async send(
    path: string,
    query: Record<string, string>,
    weight: number,
  ): Promise<Response> {
    const url = new URL(path, this.options.baseUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    try {
      const response = await this.fetch(url);
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

function retryAfterOf(headers: Headers): number | null {
  const value = headers.get('retry-after');
  const parsed = value === null ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

async function httpError(response: Response, path: string): Promise<BinanceHttpError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { code?: number; msg?: string };
    return new BinanceHttpError(response.status, path, body.code ?? null, body.msg ?? text);
  } catch {
    return new BinanceHttpError(response.status, path, null, text);
  }
}
