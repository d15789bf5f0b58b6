import { defineTopic } from '../topic-contract';
import { Ticker24hEvent } from './ticker.event';

export const TICKER_TOPIC = defineTopic({
  name: 'md.ticker.v1',
  partitions: 6,
  valueClass: Ticker24hEvent,
  keyOf: (event) => event.symbol,
  description: '24 h rolling statistics per symbol from <symbol>@ticker; key = symbol',
});
