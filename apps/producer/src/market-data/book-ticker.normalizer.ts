import { BookTickerEvent, MarketDataSource } from '@app/contracts';
import { RawBookTicker } from '@app/exchange';

/** Binance's bookTicker payload → the `md.bookticker.v1` contract (producedAt stamped on publish). */
export function normalizeBookTicker(
  raw: RawBookTicker,
  source: MarketDataSource,
  receivedAt: number,
  producedAt: number,
): BookTickerEvent {
  return {
    source,
    symbol: raw.s,
    updateId: raw.u,
    bidPrice: raw.b,
    bidQty: raw.B,
    askPrice: raw.a,
    askQty: raw.A,
    exchangeTime: raw.E ?? null,
    receivedAt,
    producedAt,
  };
}
