import {
  Count,
  DecimalString,
  MARKET_STATUSES,
  type MarketStatus,
  MarketSymbol,
  STATS_SPANS,
  type StatsSpan,
  TOP_SPANS,
  type TopSpan,
} from '@app/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PairParameter,
  QueryAsset,
  QueryEnum,
  QueryInt,
  RequiredEpochMillis,
} from './query-decorators';

export const MAX_BOOK_DEPTH = 1000;
export const DEFAULT_BOOK_DEPTH = 20;
export const MAX_TRADES = 100;
export const DEFAULT_TRADES = 50;
export const MAX_TOP_PAIRS = 100;
export const CANDLE_INTERVALS = ['1m', '5m', '15m', '1h'] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];
/** Most candles one request returns: a day of minutes. */
export const MAX_CANDLES = 1440;

export class SymbolParams {
  @MarketSymbol()
  symbol!: string;
}

export class BookQuery {
  @QueryInt(`Levels per side (default ${DEFAULT_BOOK_DEPTH})`, 1, MAX_BOOK_DEPTH)
  depth?: number;
}

export class TradesQuery {
  @QueryInt(`Most recent trades, newest first (default ${DEFAULT_TRADES})`, 1, MAX_TRADES)
  limit?: number;
}

export class StatsQuery {
  @PairParameter()
  pair!: string;

  @QueryEnum(STATS_SPANS, 'Window (default 24h); all: every trade or swap counted (all-time)')
  window?: StatsSpan;
}

export class TopPairsQuery {
  @QueryEnum(TOP_SPANS, 'Window the volume is summed over (default 24h); all: all-time')
  window?: TopSpan;

  @QueryInt('Most pairs to return (default 10)', 1, MAX_TOP_PAIRS)
  limit?: number;
}

export class CandlesQuery {
  @PairParameter()
  pair!: string;

  @QueryEnum(CANDLE_INTERVALS, 'Candle length (default 1m)')
  interval?: CandleInterval;

  @RequiredEpochMillis('Start, inclusive')
  from!: number;

  @RequiredEpochMillis(`End, exclusive; at most ${MAX_CANDLES} intervals after from`)
  to!: number;
}

export class MarketsQuery {
  @QueryAsset('Only markets quoted in this asset, e.g. USDT')
  quote?: string;

  @QueryEnum(MARKET_STATUSES, 'Only markets with this trading status')
  status?: MarketStatus;
}

export class TickerDto {
  @MarketSymbol()
  symbol!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'bookTicker update id' })
  updateId!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Best bid price (exact decimal)' })
  bidPrice!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Best bid quantity' })
  bidQty!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Best ask price (exact decimal)' })
  askPrice!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Best ask quantity' })
  askQty!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Last price (24 h ticker)' })
  lastPrice!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '24 h price change (signed)' })
  priceChange!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '24 h price change in percent' })
  priceChangePercent!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '24 h high' })
  highPrice!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '24 h low' })
  lowPrice!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '24 h base volume' })
  volume!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '24 h quote volume' })
  quoteVolume!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: '24 h trade count' })
  tradeCount!: number | null;
}

export class TopPairDto {
  @ApiProperty({ example: 'BTCUSDT' })
  pair!: string;

  @ApiProperty({ enum: ['spot', 'dex'] })
  market!: string;

  @DecimalString('Quote volume over the window')
  quoteVolume!: string;
}

export class CandleDto {
  @ApiProperty({ description: 'Interval start (ms since epoch)', type: Number })
  openTime!: number;

  @DecimalString('Open')
  open!: string;

  @DecimalString('High')
  high!: string;

  @DecimalString('Low')
  low!: string;

  @DecimalString('Close')
  close!: string;

  @DecimalString('Base volume')
  baseVolume!: string;

  @DecimalString('Quote volume: Σ price × quantity of the trades, or the quote of the swaps')
  quoteVolume!: string;

  @DecimalString(
    'Volume-weighted average price: quoteVolume / baseVolume over the whole candle, from its ' +
      'exact sums, truncated toward zero to 18 decimals (no trailing zeros); for a one-minute ' +
      "candle the stats' vwap",
  )
  vwap!: string;

  @DecimalString(
    'Base volume bought by takers: trades whose buyer was not the maker (Binance m false), swaps ' +
      'that took the base out of the pool',
  )
  buyVolume!: string;

  @DecimalString(
    'Base volume sold by takers: trades whose buyer was the maker (Binance m true), swaps that ' +
      'put the base into the pool',
  )
  sellVolume!: string;

  @Count('Trades or swaps')
  tradeCount!: number;

  @DecimalString(
    "Mean of trade prices (unweighted), as the stats' avgPrice: sum of prices / trade count, " +
      'truncated to 18 decimals. Null for a candle of several minutes when one of them is known ' +
      'only from stats.update.v1, which carries the mean, not the sum',
    { nullable: true },
  )
  avgPrice!: string | null;
}

export class ErrorDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiPropertyOptional({
    description: 'The parameter that was refused (400 only)',
    example: 'depth',
  })
  parameter?: string;

  @ApiProperty({ example: 'depth must be an integer from 1 to 1000' })
  message!: string;
}
