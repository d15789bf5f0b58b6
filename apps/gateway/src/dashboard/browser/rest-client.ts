import type { BookUpdateEvent, MarketEvent, StatsUpdateEvent, TradeEvent } from '@app/contracts';
import type { Candle } from '../../market-data/candles';

const MINUTE = 60_000;

/** The REST API the page backfills from, with the page's API key (if any) on every request. */
export class RestClient {
  constructor(private readonly apiKey: string | null) {}

  markets(): Promise<MarketEvent[]> {
    return this.get('/v1/markets', {});
  }

  /** The past hour's 1-minute candles, oldest first. */
  candles(pair: string, now: number): Promise<Candle[]> {
    const from = now - 60 * MINUTE;
    return this.get('/v1/candles', { pair, interval: '1m', from: String(from), to: String(now) });
  }

  /** The most recent trades, newest first. */
  trades(symbol: string): Promise<TradeEvent[]> {
    return this.get(`/v1/trades/${encodeURIComponent(symbol)}`, { limit: '100' });
  }

  /** The book's top `depth` levels per side. */
  book(symbol: string, depth: number): Promise<BookUpdateEvent> {
    return this.get(`/v1/book/${encodeURIComponent(symbol)}`, { depth: String(depth) });
  }

  /** A pair's current figures of one window, or null when it has none yet (404). */
  async stats(pair: string, window: '1m' | '1h' | '24h'): Promise<StatsUpdateEvent | null> {
    return this.get<StatsUpdateEvent>('/v1/stats', { pair, window }).catch(() => null);
  }

  private async get<T>(path: string, query: Record<string, string>): Promise<T> {
    const params = new URLSearchParams(query);
    if (this.apiKey) params.set('apiKey', this.apiKey);
    const response = await fetch(`${path}?${params.toString()}`);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }
}
