import { defineTopic } from '../topic-contract';
import { BookTickerEvent } from './book-ticker.event';

export const BOOK_TICKER_TOPIC = defineTopic({
  name: 'md.bookticker.v1',
  partitions: 6,
  valueClass: BookTickerEvent,
  keyOf: (event) => event.symbol,
  description: 'Best bid/ask per symbol from <symbol>@bookTicker; key = symbol',
});
