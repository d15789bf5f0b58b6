import { DecimalString, MarketSymbol } from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { QueryInt, RequiredEpochMillis } from './query-decorators';

export const MAX_HISTORY_TRADES = 1000;
export const DEFAULT_HISTORY_TRADES = 500;
/** The longest range one request may ask for: a day. */
export const MAX_HISTORY_RANGE_MS = 86_400_000;

export class TradeHistoryQuery {
  @RequiredEpochMillis('Start (trade time), inclusive')
  from!: number;

  @RequiredEpochMillis('End (trade time), exclusive; at most a day after from')
  to!: number;

  @QueryInt(`Most trades in this page (default ${DEFAULT_HISTORY_TRADES})`, 1, MAX_HISTORY_TRADES)
  limit?: number;

  @ApiPropertyOptional({
    description: 'The `next` of the previous page: continue after its last trade',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a next value from this endpoint' })
  cursor?: string;
}

export class HistoricalTradeDto {
  @MarketSymbol()
  symbol!: string;

  @ApiProperty({ description: 'The exchange’s trade id (aggregate trade id for aggTrade)' })
  tradeId!: number;

  @ApiProperty({ enum: ['aggTrade', 'trade'], description: 'Which stream the trade came from' })
  kind!: 'aggTrade' | 'trade';

  @DecimalString('Price, exact (as stored: without trailing zeros)')
  price!: string;

  @DecimalString('Quantity (base asset), exact (without trailing zeros)')
  quantity!: string;

  @DecimalString('Price × quantity, exact (without trailing zeros)')
  quoteQuantity!: string;

  @ApiProperty({ description: 'Trade time (ms since epoch)' })
  time!: number;

  @ApiProperty({ description: 'The buyer was the maker (the taker sold)' })
  buyerIsMaker!: boolean;
}

export class TradeHistoryPageDto {
  @ApiProperty({ type: [HistoricalTradeDto], description: 'Oldest first' })
  trades!: HistoricalTradeDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null when this page is the last',
  })
  next!: string | null;
}
