import { FaultInjector } from './fault-injector';
import { MarketFeed } from './market-feed';
import { REST_WEIGHTS } from '../binance/rest/binance-rest-types';
import { WeightLimiter } from './request-weights';

export interface RestResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Binance's error body: `{ code, msg }` with its negative codes. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
}

const SYMBOL = /^[A-Z0-9-_.]{1,20}$/;
const illegal = (name: string) =>
  new ApiError(
    400,
    -1100,
    `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The public market-data endpoints of `/api/v3`, with Binance's weights and limits. */
export class RestApi {
  constructor(
    private readonly feed: MarketFeed,
    private readonly limiter: WeightLimiter,
    private readonly faults: FaultInjector,
    private readonly now: () => number,
  ) {}

  async handle(path: string, params: URLSearchParams, ip: string): Promise<RestResponse> {
    const route = this.route(path, params);
    if (!route) return { status: 404, body: { code: -1, msg: 'Not found' } };
    let weight: number;
    try {
      weight = route.weight();
    } catch (error) {
      return errorResponse(error);
    }
    const injected = this.faults.takeRest429();
    if (injected !== null) return tooMany(injected, this.limiter.usedBy(ip, this.now()), ip);
    const verdict = this.limiter.charge(ip, weight, this.now());
    if (verdict.kind === 'limited') return tooMany(verdict.retryAfterSec, verdict.used, ip);
    if (verdict.kind === 'banned') {
      return {
        status: 418,
        body: {
          code: -1003,
          msg: `Way too many requests; IP(${ip}) banned until ${verdict.until}. Please use the websocket for live updates to avoid bans.`,
        },
        headers: { 'Retry-After': String(verdict.retryAfterSec), ...usedHeaders(verdict.used) },
      };
    }
    try {
      return { status: 200, body: await route.run(), headers: usedHeaders(verdict.used) };
    } catch (error) {
      return { ...errorResponse(error), headers: usedHeaders(verdict.used) };
    }
  }

  private route(
    path: string,
    q: URLSearchParams,
  ): { weight: () => number; run: () => unknown } | null {
    const feed = this.feed;
    switch (path) {
      case '/api/v3/ping':
        return { weight: () => 1, run: () => ({}) };
      case '/api/v3/time':
        return { weight: () => 1, run: () => ({ serverTime: this.now() }) };
      case '/api/v3/exchangeInfo':
        return { weight: () => REST_WEIGHTS.exchangeInfo, run: () => this.exchangeInfo(q) };
      case '/api/v3/depth': {
        const limit = () => intParam(q, 'limit', 100, 1, 5000);
        return {
          weight: () => REST_WEIGHTS.depth(limit()),
          run: async () => {
            const symbol = this.symbol(q);
            if (this.faults.snapshotDelayMs > 0) await sleep(this.faults.snapshotDelayMs);
            return feed.depth(symbol, limit());
          },
        };
      }
      case '/api/v3/trades':
        return {
          weight: () => REST_WEIGHTS.trades,
          run: () => feed.trades(this.symbol(q), intParam(q, 'limit', 500, 1, 1000)),
        };
      case '/api/v3/aggTrades':
        return this.history(feed.aggTrades?.bind(feed), REST_WEIGHTS.aggTrades, q);
      case '/api/v3/historicalTrades':
        return this.history(feed.historicalTrades?.bind(feed), REST_WEIGHTS.historicalTrades, q);
      case '/api/v3/ticker/24hr':
        return {
          weight: () => REST_WEIGHTS.ticker24h(q.has('symbol') ? 1 : 'all'),
          run: () =>
            q.has('symbol')
              ? feed.ticker24h(this.symbol(q))
              : feed.symbols.map((s) => feed.ticker24h(s)),
        };
      case '/api/v3/ticker/bookTicker':
        return {
          weight: () => (q.has('symbol') ? 2 : 4),
          run: () =>
            q.has('symbol')
              ? feed.bookTicker(this.symbol(q))
              : feed.symbols.map((s) => feed.bookTicker(s)),
        };
      default:
        return null;
    }
  }

  /** A trade history lookup by `fromId`; not served (404) by a feed that keeps none. */
  private history(
    lookup: ((symbol: string, fromId: number | null, limit: number) => object[]) | undefined,
    weight: number,
    q: URLSearchParams,
  ): { weight: () => number; run: () => unknown } | null {
    if (!lookup) return null;
    return {
      weight: () => weight,
      run: () =>
        lookup(
          this.symbol(q),
          q.has('fromId') ? intParam(q, 'fromId', 0, 0, Number.MAX_SAFE_INTEGER) : null,
          intParam(q, 'limit', 500, 1, 1000),
        ),
    };
  }

  private exchangeInfo(q: URLSearchParams): unknown {
    let wanted: string[] | null = null;
    if (q.has('symbol')) wanted = [this.symbol(q)];
    if (q.has('symbols')) {
      const parsed: unknown = JSON.parse(q.get('symbols') ?? '[]');
      if (!Array.isArray(parsed)) throw illegal('symbols');
      wanted = parsed.map(String);
      for (const symbol of wanted)
        if (!this.feed.symbols.includes(symbol)) throw new ApiError(400, -1121, 'Invalid symbol.');
    }
    const symbols = this.feed
      .exchangeSymbols()
      .filter((s) => wanted === null || wanted.includes(s.symbol));
    return {
      timezone: 'UTC',
      serverTime: this.now(),
      rateLimits: [
        {
          rateLimitType: 'REQUEST_WEIGHT',
          interval: 'MINUTE',
          intervalNum: 1,
          limit: this.limiter.limitPerMinute,
        },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
        { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
      ],
      exchangeFilters: [],
      symbols: symbols.map((s) => ({
        symbol: s.symbol,
        status: s.status,
        baseAsset: s.baseAsset,
        baseAssetPrecision: 8,
        quoteAsset: s.quoteAsset,
        quotePrecision: 8,
        quoteAssetPrecision: 8,
        baseCommissionPrecision: 8,
        quoteCommissionPrecision: 8,
        orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
        icebergAllowed: true,
        ocoAllowed: true,
        quoteOrderQtyMarketAllowed: true,
        allowTrailingStop: true,
        cancelReplaceAllowed: true,
        isSpotTradingAllowed: true,
        isMarginTradingAllowed: false,
        filters: [
          {
            filterType: 'PRICE_FILTER',
            minPrice: s.tickSize,
            maxPrice: '1000000.00000000',
            tickSize: s.tickSize,
          },
          {
            filterType: 'LOT_SIZE',
            minQty: s.stepSize,
            maxQty: '9000.00000000',
            stepSize: s.stepSize,
          },
        ],
        permissions: [],
        permissionSets: [['SPOT']],
        defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
        allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
      })),
    };
  }

  private symbol(q: URLSearchParams): string {
    const symbol = q.get('symbol');
    if (symbol === null || symbol === '') {
      throw new ApiError(
        400,
        -1102,
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
      );
    }
    if (!SYMBOL.test(symbol)) {
      throw new ApiError(
        400,
        -1100,
        `Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.`,
      );
    }
    if (!this.feed.symbols.includes(symbol)) throw new ApiError(400, -1121, 'Invalid symbol.');
    return symbol;
  }
}

function intParam(
  q: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = q.get(name);
  if (raw === null) return fallback;
  if (!/^[0-9]{1,20}$/.test(raw)) throw illegal(name);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ApiError(
      400,
      -1130,
      `Data sent for parameter '${name}' is not valid (${min} to ${max}).`,
    );
  }
  return value;
}

function usedHeaders(used: number): Record<string, string> {
  return { 'X-MBX-USED-WEIGHT-1M': String(used), 'X-MBX-USED-WEIGHT': String(used) };
}

function tooMany(retryAfterSec: number, used: number, ip: string): RestResponse {
  return {
    status: 429,
    body: {
      code: -1003,
      msg: `Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API. (IP ${ip})`,
    },
    headers: { 'Retry-After': String(retryAfterSec), ...usedHeaders(used) },
  };
}

function errorResponse(error: unknown): RestResponse {
  if (error instanceof ApiError)
    return { status: error.status, body: { code: error.code, msg: error.message } };
  if (error instanceof SyntaxError)
    return {
      status: 400,
      body: { code: -1100, msg: `Illegal characters found in a parameter: ${error.message}` },
    };
  throw error;
}
