import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { Count, DecimalString, EpochMillis } from '../../validation/decorators';

export const STATS_WINDOWS = ['1m', '1h', '24h'] as const;
export type StatsWindow = (typeof STATS_WINDOWS)[number];

export const STATS_MARKETS = ['spot', 'dex'] as const;
export type StatsMarket = (typeof STATS_MARKETS)[number];

/**
 * Figures derived by division (`vwap`, `avgPrice`) are truncated toward zero to this many fraction
 * digits: 18 is the most decimals an ERC-20 token has, so no price loses a unit. Whoever derives
 * them from the sums (the aggregator, the gateway's longer candles) uses the same scale.
 */
export const STATS_PRICE_SCALE = 18;

/**
 * Statistics of one pair over one window, as committed by the aggregator. For `1m` the window is
 * the calendar minute starting at `windowStart`; `1h` and `24h` are rolling, ending at `windowEnd`.
 * All figures are exact decimal strings; `vwap`, `open`... are null-free: a window with no trade
 * is never published.
 */
export class StatsUpdateEvent {
  @ApiProperty({
    description: 'Pair: an exchange symbol (BTCUSDT) or a DEX pair (WETH/USDC)',
    example: 'BTCUSDT',
  })
  @Matches(/^[A-Za-z0-9.$/-]{2,41}$/, {
    message: '$property must be a symbol or a pair such as WETH/USDC',
  })
  pair!: string;

  @ApiProperty({ enum: STATS_MARKETS })
  @IsIn(STATS_MARKETS)
  market!: StatsMarket;

  @ApiProperty({ enum: STATS_WINDOWS })
  @IsIn(STATS_WINDOWS)
  window!: StatsWindow;

  @EpochMillis('Start of the window (inclusive)')
  windowStart!: number;

  @EpochMillis('End of the window (exclusive)')
  windowEnd!: number;

  @Count('Number of trades or swaps')
  tradeCount!: number;

  @DecimalString('Base volume')
  baseVolume!: string;

  @DecimalString('Quote volume')
  quoteVolume!: string;

  @DecimalString('Volume-weighted average price: quote volume / base volume')
  vwap!: string;

  @DecimalString('First price of the window')
  open!: string;

  @DecimalString('Highest price')
  high!: string;

  @DecimalString('Lowest price')
  low!: string;

  @DecimalString('Last price of the window')
  close!: string;

  @DecimalString('Mean of trade prices (unweighted)')
  avgPrice!: string;

  @DecimalString('Base volume bought by takers')
  buyVolume!: string;

  @DecimalString('Base volume sold by takers')
  sellVolume!: string;

  @EpochMillis('When the aggregator committed these figures')
  producedAt!: number;
}
