import { defineTopic } from '../topic-contract';
import { TradeEvent } from './trade.event';

export const TRADE_TOPIC = defineTopic({
  name: 'md.trade.v1',
  partitions: 12,
  valueClass: TradeEvent,
  keyOf: (event) => event.symbol,
  description: 'Trades per symbol from <symbol>@trade or @aggTrade; key = symbol',
});
