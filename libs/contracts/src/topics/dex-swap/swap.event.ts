import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import {
  Count,
  EpochMillis,
  HexBytes,
  SignedIntegerString,
  UnsignedIntegerString,
} from '../../validation/decorators';

export const SWAP_SOURCES = ['simulator', 'replay', 'chain'] as const;
export type SwapSource = (typeof SWAP_SOURCES)[number];

/**
 * Where a swap stands on the chain. Only `confirmed` swaps count in statistics; a `reorged` swap
 * that had been confirmed is taken out again; `failed` never counts.
 */
export const SWAP_STATUSES = ['pending', 'confirmed', 'failed', 'reorged'] as const;
export type SwapStatus = (typeof SWAP_STATUSES)[number];

const TOKEN_SYMBOL = /^[A-Za-z0-9.$-]{1,20}$/;

/**
 * A Uniswap v3 `Swap` log, decoded. Amounts are signed integers in each token's smallest unit as
 * the pool reports them (positive: into the pool). (chainId, txHash, logIndex) identifies a swap;
 * (blockNumber, logIndex) is the chain's order.
 */
export class SwapEvent {
  @ApiProperty({ enum: SWAP_SOURCES })
  @IsIn(SWAP_SOURCES, { message: `$property must be one of ${SWAP_SOURCES.join(', ')}` })
  source!: SwapSource;

  @Count('EIP-155 chain id (1 = Ethereum mainnet)', 2 ** 32)
  chainId!: number;

  @HexBytes('Pool contract address', 20)
  pool!: string;

  @ApiProperty({ description: 'Symbol of token0', example: 'USDC' })
  @Matches(TOKEN_SYMBOL, { message: '$property must be a token symbol' })
  token0Symbol!: string;

  @ApiProperty({ description: 'Symbol of token1', example: 'WETH' })
  @Matches(TOKEN_SYMBOL, { message: '$property must be a token symbol' })
  token1Symbol!: string;

  @Count('Decimals of token0', 36)
  token0Decimals!: number;

  @Count('Decimals of token1', 36)
  token1Decimals!: number;

  @HexBytes('Transaction hash', 32)
  txHash!: string;

  @Count('Index of the log in its block')
  logIndex!: number;

  @Count('Block number')
  blockNumber!: number;

  @EpochMillis('Block timestamp: the swap event time')
  blockTime!: number;

  @HexBytes('Address that called the pool', 20)
  sender!: string;

  @HexBytes('Address that received the output', 20)
  recipient!: string;

  @SignedIntegerString('Change of the pool balance of token0, smallest units')
  amount0!: string;

  @SignedIntegerString('Change of the pool balance of token1, smallest units')
  amount1!: string;

  @UnsignedIntegerString('Pool price after the swap as sqrt(token1/token0) * 2^96')
  sqrtPriceX96!: string;

  @UnsignedIntegerString('Pool liquidity after the swap')
  liquidity!: string;

  @ApiProperty({ description: 'Pool tick after the swap', example: 200000 })
  @IsInt({ message: '$property must be an integer tick' })
  @Min(-887272)
  @Max(887272)
  tick!: number;

  @ApiProperty({ enum: SWAP_STATUSES })
  @IsIn(SWAP_STATUSES, { message: `$property must be one of ${SWAP_STATUSES.join(', ')}` })
  status!: SwapStatus;

  @EpochMillis('When the producer published the event')
  producedAt!: number;
}
