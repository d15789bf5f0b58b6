import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import {
  Asset,
  DecimalString,
  EpochMillis,
  Flag,
  MarketDataSource,
  MarketSymbol,
  Source,
} from '../../validation/decorators';

/** Symbol statuses Binance spot documents in exchangeInfo. */
export const MARKET_STATUSES = [
  'PRE_TRADING',
  'TRADING',
  'POST_TRADING',
  'END_OF_DAY',
  'HALT',
  'AUCTION_MATCH',
  'BREAK',
] as const;
export type MarketStatus = (typeof MARKET_STATUSES)[number];

/**
 * One followed symbol as the producer knows it: its listing from exchangeInfo (status, assets,
 * tick and step sizes of the PRICE_FILTER and LOT_SIZE filters) and the latest 24 h ticker's
 * figures (null until the first `<symbol>@ticker` arrives; a recording may hold none).
 */
export class MarketEvent {
  @Source()
  source!: MarketDataSource;

  @MarketSymbol()
  symbol!: string;

  /** Not an enum in the contract: a status the exchange adds later must not dead-letter a listing. */
  @ApiProperty({ description: 'Trading status from exchangeInfo', example: 'TRADING' })
  @IsString()
  @Matches(/^[A-Z_]{1,30}$/, { message: '$property must be an upper-case status such as TRADING' })
  status!: string;

  @Asset('Base asset')
  baseAsset!: string;

  @Asset('Quote asset')
  quoteAsset!: string;

  @DecimalString('Price step (PRICE_FILTER tickSize)')
  tickSize!: string;

  @DecimalString('Quantity step (LOT_SIZE stepSize)')
  stepSize!: string;

  @DecimalString('Last price of the latest 24 h ticker', { nullable: true })
  lastPrice!: string | null;

  @DecimalString('24 h base asset volume', { nullable: true })
  volume!: string | null;

  @DecimalString('24 h quote asset volume', { nullable: true })
  quoteVolume!: string | null;

  @EpochMillis('Exchange event time of the latest 24 h ticker', { nullable: true })
  exchangeTime!: number | null;

  @Flag(
    'On the priority list: subscribed and its book synced first (PRIORITY_SYMBOLS, SYMBOLS_URL)',
  )
  priority!: boolean;

  /**
   * False in the last entry of a symbol the producer stopped following (delisted, or dropped from
   * SYMBOLS_URL): consumers remove it from the catalog.
   */
  @Flag('False once the producer stopped following the symbol: remove it from the catalog')
  followed!: boolean;

  @EpochMillis('When the producer published the listing')
  producedAt!: number;
}
