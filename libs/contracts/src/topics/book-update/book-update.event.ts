import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import {
  Count,
  EpochMillis,
  ExchangeId,
  MarketSymbol,
  PriceLevels,
  PriceLevelTuple,
} from '../../validation/decorators';

/**
 * The published view of one local order book: the top N levels per side after the anomaly filter,
 * conflated to at most one update per interval. `checksum` lets any client verify its copy: CRC-32
 * (zlib) of the top levels in the format documented in libs/orderbook/README.md.
 */
export class BookUpdateEvent {
  @MarketSymbol()
  symbol!: string;

  @ExchangeId('Last exchange update id (`u`) applied to the book')
  lastUpdateId!: number;

  @PriceLevels('Best bids first')
  bids!: PriceLevelTuple[];

  @PriceLevels('Best asks first')
  asks!: PriceLevelTuple[];

  @Count('Levels per side this view was cut to', 5000)
  depth!: number;

  @ApiProperty({ description: 'Unsigned CRC-32 of the top levels (see libs/orderbook/README.md)' })
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  checksum!: number;

  @EpochMillis('Exchange event time of the last applied diff')
  exchangeTime!: number;

  @EpochMillis('When the orderbook service published this view')
  producedAt!: number;
}
