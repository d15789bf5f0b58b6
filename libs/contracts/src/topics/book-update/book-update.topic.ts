import { defineTopic } from '../topic-contract';
import { BookUpdateEvent } from './book-update.event';

export const BOOK_UPDATE_TOPIC = defineTopic({
  name: 'book.update.v1',
  partitions: 6,
  valueClass: BookUpdateEvent,
  keyOf: (event) => event.symbol,
  description: 'Top-N order book views with checksum, conflated per symbol; key = symbol',
});
