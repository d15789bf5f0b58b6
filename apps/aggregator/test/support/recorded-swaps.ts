import { SwapEvent } from '@app/contracts';
import { RecordedSwapLog } from '@app/exchange';
import { join } from 'node:path';
import { readRecordedLines, RECORDINGS } from '../../../../test/support/recordings';

export const SWAP_DAY = join(RECORDINGS, 'uniswap-v3');

/** A pool's tokens, written out here rather than taken from the producer's built-in list. */
export interface PoolTokens {
  token0Symbol: string;
  token0Decimals: number;
  token1Symbol: string;
  token1Decimals: number;
}

/** The two pools recorded on 2024-01-05 (6,046 and 41 swaps). */
export const RECORDED_POOLS = {
  '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640': {
    token0Symbol: 'USDC',
    token0Decimals: 6,
    token1Symbol: 'WETH',
    token1Decimals: 18,
  },
  '0x82c427adfdf2d245ec51d8046b41c4ee87f0d29c': {
    token0Symbol: 'oSQTH',
    token0Decimals: 18,
    token1Symbol: 'WETH',
    token1Decimals: 18,
  },
} as const satisfies Record<string, PoolTokens>;

/**
 * The confirmed swaps of one recorded pool-day, read from the file itself; `as` relabels them
 * (another address and tokens), as a replay of that file under a configured pool publishes them.
 */
export function recordedSwapEvents(
  pool: keyof typeof RECORDED_POOLS,
  as: { address: string } & PoolTokens = { address: pool, ...RECORDED_POOLS[pool] },
): SwapEvent[] {
  return readRecordedLines<RecordedSwapLog>(SWAP_DAY, `${pool}-2024-01-05.swaps.jsonl`).map(
    (r) => ({
      source: 'replay',
      chainId: 1,
      pool: as.address,
      token0Symbol: as.token0Symbol,
      token1Symbol: as.token1Symbol,
      token0Decimals: as.token0Decimals,
      token1Decimals: as.token1Decimals,
      txHash: r.transactionHash,
      logIndex: r.logIndex,
      blockNumber: r.blockNumber,
      blockTime: Date.parse(`${r.blockTimestamp.replace(' ', 'T')}Z`),
      sender: r.sender,
      recipient: r.recipient,
      amount0: r.amount0,
      amount1: r.amount1,
      sqrtPriceX96: r.sqrtPriceX96,
      liquidity: r.liquidity,
      tick: r.tick,
      status: 'confirmed',
      producedAt: 0,
    }),
  );
}
