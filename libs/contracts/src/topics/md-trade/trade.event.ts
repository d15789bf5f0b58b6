import {
  DecimalString,
  EpochMillis,
  ExchangeId,
  Flag,
  MarketDataSource,
  MarketSymbol,
  Source,
} from '../../validation/decorators';

/**
 * One trade from `<symbol>@trade` (or an aggregate trade from `<symbol>@aggTrade`, as in the
 * recordings: then `aggregate` is true and `tradeId` is the aggregate id `a`). The pair
 * (symbol, aggregate, tradeId) identifies a trade, so every hop can drop duplicates.
 */
export class TradeEvent {
  @Source()
  source!: MarketDataSource;

  @MarketSymbol()
  symbol!: string;

  @ExchangeId('Trade id (`t`), or aggregate trade id (`a`) when aggregate')
  tradeId!: number;

  @Flag('True for an aggregate trade (`@aggTrade`)')
  aggregate!: boolean;

  @DecimalString('Price')
  price!: string;

  @DecimalString('Quantity in the base asset')
  qty!: string;

  /** Binance's `m`: the buyer was the maker, i.e. the aggressor sold. */
  @Flag('The buyer was the maker (the taker sold)')
  buyerIsMaker!: boolean;

  @EpochMillis('Trade time (`T`)')
  tradeTime!: number;

  @EpochMillis('Exchange event time (`E`)')
  exchangeTime!: number;

  @EpochMillis('When the producer received the event from the exchange')
  receivedAt!: number;

  @EpochMillis('When the producer published the event')
  producedAt!: number;
}
