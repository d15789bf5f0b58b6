import { BOOK_TICKER_TOPIC } from './md-bookticker/book-ticker.topic';
import { DEAD_LETTER_TOPIC } from './ops-deadletter/dead-letter.topic';
import { TopicContract } from './topic-contract';

export * from './topic-contract';
export * from './md-bookticker/book-ticker.event';
export * from './md-bookticker/book-ticker.topic';
export * from './ops-deadletter/dead-letter.event';
export * from './ops-deadletter/dead-letter.topic';

/** Every topic the system creates at start-up. */
export const ALL_TOPICS: readonly TopicContract<object>[] = [
  BOOK_TICKER_TOPIC as TopicContract<object>,
  DEAD_LETTER_TOPIC as TopicContract<object>,
];
