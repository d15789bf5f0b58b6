import {
  Count,
  DecimalString,
  EpochMillis,
  MarketDataSource,
  MarketSymbol,
  Source,
} from '../../validation/decorators';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/** Rolling 24-hour statistics of one symbol from `<symbol>@ticker`. */
export class Ticker24hEvent {
  @Source()
  source!: MarketDataSource;

  @MarketSymbol()
  symbol!: string;

  /** Signed: the price can fall. */
  @ApiProperty({
    description: 'Price change over 24 h (signed decimal string)',
    example: '-12.50000000',
  })
  @IsString()
  @Matches(/^-?\d{1,30}(\.\d{1,30})?$/, { message: '$property must be a signed decimal string' })
  priceChange!: string;

  @ApiProperty({
    description: 'Price change in percent (signed decimal string)',
    example: '-0.046',
  })
  @IsString()
  @Matches(/^-?\d{1,30}(\.\d{1,30})?$/, { message: '$property must be a signed decimal string' })
  priceChangePercent!: string;

  @DecimalString('Volume-weighted average price')
  weightedAvgPrice!: string;

  @DecimalString('Last price')
  lastPrice!: string;

  @DecimalString('Last quantity')
  lastQty!: string;

  @DecimalString('Open price')
  openPrice!: string;

  @DecimalString('High price')
  highPrice!: string;

  @DecimalString('Low price')
  lowPrice!: string;

  @DecimalString('Base asset volume')
  volume!: string;

  @DecimalString('Quote asset volume')
  quoteVolume!: string;

  @EpochMillis('Statistics open time')
  openTime!: number;

  @EpochMillis('Statistics close time')
  closeTime!: number;

  @Count('Number of trades')
  tradeCount!: number;

  @EpochMillis('Exchange event time (`E`)')
  exchangeTime!: number;

  @EpochMillis('When the producer received the event from the exchange')
  receivedAt!: number;

  @EpochMillis('When the producer published the event')
  producedAt!: number;
}
