import { BOOK_UPDATE_TOPIC } from './book-update/book-update.topic';
import { SWAP_TOPIC } from './dex-swap/swap.topic';
import { BOOK_TICKER_TOPIC } from './md-bookticker/book-ticker.topic';
import { DEPTH_TOPIC } from './md-depth/depth.topic';
import { MARKET_TOPIC } from './md-market/market.topic';
import { TICKER_TOPIC } from './md-ticker/ticker.topic';
import { TRADE_TOPIC } from './md-trade/trade.topic';
import { DEAD_LETTER_TOPIC } from './ops-deadletter/dead-letter.topic';
import { STATS_UPDATE_TOPIC } from './stats-update/stats-update.topic';
import { TopicContract } from './topic-contract';

export * from './topic-contract';
export * from './md-bookticker/book-ticker.event';
export * from './md-bookticker/book-ticker.topic';
export * from './md-depth/depth-diff.event';
export * from './md-depth/depth.topic';
export * from './md-trade/trade.event';
export * from './md-trade/trade.topic';
export * from './md-ticker/ticker.event';
export * from './md-ticker/ticker.topic';
export * from './md-market/market.event';
export * from './md-market/market.topic';
export * from './dex-swap/swap.event';
export * from './dex-swap/swap.topic';
export * from './book-update/book-update.event';
export * from './book-update/book-update.topic';
export * from './stats-update/stats-update.event';
export * from './stats-update/pair-stats';
export * from './stats-update/stats-update.topic';
export * from './ops-deadletter/dead-letter.event';
export * from './ops-deadletter/dead-letter.topic';

/** Every topic the system creates at start-up (and every deployment must provision). */
export const ALL_TOPICS: readonly TopicContract<object>[] = [
  BOOK_TICKER_TOPIC,
  DEPTH_TOPIC,
  TRADE_TOPIC,
  TICKER_TOPIC,
  MARKET_TOPIC,
  SWAP_TOPIC,
  BOOK_UPDATE_TOPIC,
  STATS_UPDATE_TOPIC,
  DEAD_LETTER_TOPIC,
] as TopicContract<object>[];
