import { DepthSnapshot, LevelTuple, SnapshotFetchError } from '@app/orderbook';

/**
 * Where depth snapshots come from. The service depends on this interface only, so the shared
 * Binance REST client (libs/exchange) can replace the small fetcher below without other changes.
 */
export interface SnapshotSource {
  fetchDepth(symbol: string, limit: number): Promise<DepthSnapshot>;
}

/** When a 429/418 carries no usable Retry-After, stay away this long rather than guess low. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * `GET {baseUrl}/api/v3/depth?symbol=S&limit=N` over fetch, Binance's documented response. The base
 * URL may be known only once the exchange runs (the embedded mode's in-process simulator): then it
 * is a function, asked on each request, answering null while it is not known yet.
 */
export class RestSnapshotSource implements SnapshotSource {
  constructor(
    private readonly baseUrl: string | (() => string | null),
    private readonly timeoutMs = 10_000,
  ) {}

  async fetchDepth(symbol: string, limit: number): Promise<DepthSnapshot> {
    const baseUrl = typeof this.baseUrl === 'string' ? this.baseUrl : this.baseUrl();
    if (baseUrl === null) {
      throw new SnapshotFetchError(`depth ${symbol}: the exchange's REST URL is not known yet`);
    }
    const url = new URL('/api/v3/depth', baseUrl);
    url.searchParams.set('symbol', symbol);
    url.searchParams.set('limit', String(limit));
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 429 || response.status === 418) {
      await response.body?.cancel();
      throw new SnapshotFetchError(
        `depth ${symbol}: HTTP ${response.status}`,
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    if (!response.ok) {
      const body = await response.text();
      throw new SnapshotFetchError(
        `depth ${symbol}: HTTP ${response.status} ${body.slice(0, 200)}`,
      );
    }
    return parseDepthSnapshot(await response.json(), symbol);
  }
}

/** Retry-After in seconds (Binance's form) or an HTTP date; anything else: the default. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return DEFAULT_RETRY_AFTER_MS;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - now);
}

export function parseDepthSnapshot(json: unknown, symbol: string): DepthSnapshot {
  const body = json as { lastUpdateId?: unknown; bids?: unknown; asks?: unknown } | null;
  if (
    !body ||
    !Number.isSafeInteger(body.lastUpdateId) ||
    !isLevels(body.bids) ||
    !isLevels(body.asks)
  ) {
    throw new SnapshotFetchError(`depth ${symbol}: response is not {lastUpdateId, bids, asks}`);
  }
  return { lastUpdateId: body.lastUpdateId as number, bids: body.bids, asks: body.asks };
}

function isLevels(value: unknown): value is LevelTuple[] {
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
