import { BookTickerEvent, Ticker24hEvent, TickerChannelData } from '@app/contracts';

const EMPTY_BOOK_TICKER = {
  updateId: null,
  bidPrice: null,
  bidQty: null,
  askPrice: null,
  askQty: null,
} as const;

const EMPTY_24H = {
  lastPrice: null,
  priceChange: null,
  priceChangePercent: null,
  highPrice: null,
  lowPrice: null,
  volume: null,
  quoteVolume: null,
  tradeCount: null,
} as const;

/**
 * `ticker:<SYMBOL>` merges the best bid/ask and the 24 h statistics, so one subscription shows what
 * a ticker widget needs. The best-bid/ask fields are the ones this channel carried from the start.
 */
export function tickerView(
  symbol: string,
  previous: TickerChannelData | undefined,
  bookTicker: BookTickerEvent | null,
  ticker24h: Ticker24hEvent | null,
): TickerChannelData {
  const base: TickerChannelData = previous ?? { symbol, ...EMPTY_BOOK_TICKER, ...EMPTY_24H };
  const view = { ...base };
  if (bookTicker) {
    view.updateId = bookTicker.updateId;
    view.bidPrice = bookTicker.bidPrice;
    view.bidQty = bookTicker.bidQty;
    view.askPrice = bookTicker.askPrice;
    view.askQty = bookTicker.askQty;
  }
  if (ticker24h) {
    view.lastPrice = ticker24h.lastPrice;
    view.priceChange = ticker24h.priceChange;
    view.priceChangePercent = ticker24h.priceChangePercent;
    view.highPrice = ticker24h.highPrice;
    view.lowPrice = ticker24h.lowPrice;
    view.volume = ticker24h.volume;
    view.quoteVolume = ticker24h.quoteVolume;
    view.tradeCount = ticker24h.tradeCount;
  }
  return view;
}
