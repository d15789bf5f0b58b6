import { defineTopic } from '../topic-contract';
import { MarketEvent } from './market.event';

export const MARKET_TOPIC = defineTopic({
  name: 'md.market.v1',
  partitions: 6,
  valueClass: MarketEvent,
  keyOf: (event) => event.symbol,
  description:
    'Markets catalog per followed symbol (exchangeInfo listing + latest 24 h figures), published at start and on change; key = symbol',
});
