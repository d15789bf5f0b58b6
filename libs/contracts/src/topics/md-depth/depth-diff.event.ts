import {
  EpochMillis,
  ExchangeId,
  MarketDataSource,
  MarketSymbol,
  PriceLevels,
  PriceLevelTuple,
  Source,
} from '../../validation/decorators';

/**
 * One `<symbol>@depth@100ms` diff, normalized. Quantities are absolute; "0" removes a level.
 * `firstUpdateId`/`finalUpdateId` are Binance's `U`/`u`: consecutive diffs satisfy
 * `firstUpdateId == previous finalUpdateId + 1`, which is how a consumer detects a gap.
 */
export class DepthDiffEvent {
  @Source()
  source!: MarketDataSource;

  @MarketSymbol()
  symbol!: string;

  @ExchangeId('First update id in this event (`U`)')
  firstUpdateId!: number;

  @ExchangeId('Final update id in this event (`u`)')
  finalUpdateId!: number;

  @PriceLevels('Bid levels to set')
  bids!: PriceLevelTuple[];

  @PriceLevels('Ask levels to set')
  asks!: PriceLevelTuple[];

  @EpochMillis('Exchange event time (`E`)')
  exchangeTime!: number;

  @EpochMillis('When the producer received the event from the exchange')
  receivedAt!: number;

  @EpochMillis('When the producer published the event')
  producedAt!: number;
}
