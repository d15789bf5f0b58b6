/** What a swap event needs to know about its pool that the `Swap` log itself does not say. */
export interface PoolMetadata {
  chainId: number;
  /** Lower-case 0x address. */
  address: string;
  token0Symbol: string;
  token1Symbol: string;
  token0Decimals: number;
  token1Decimals: number;
  /** A realistic starting state for the simulated chain (from the 2024-01-05 recordings). */
  start: { sqrtPriceX96: bigint; liquidity: bigint };
}

/** The pools we know: the two recorded Uniswap v3 pools on Ethereum mainnet. */
export const KNOWN_POOLS: readonly PoolMetadata[] = [
  {
    chainId: 1,
    address: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640',
    token0Symbol: 'USDC',
    token1Symbol: 'WETH',
    token0Decimals: 6,
    token1Decimals: 18,
    start: {
      sqrtPriceX96: 1662995104975155420368771254341874n,
      liquidity: 12453647101533358277n,
    },
  },
  {
    chainId: 1,
    address: '0x82c427adfdf2d245ec51d8046b41c4ee87f0d29c',
    token0Symbol: 'oSQTH',
    token1Symbol: 'WETH',
    token0Decimals: 18,
    token1Decimals: 18,
    start: {
      sqrtPriceX96: 328485318036457216696896519263n,
      liquidity: 1814369335821519034487n,
    },
  },
];

export function poolMetadata(address: string): PoolMetadata {
  const pool = KNOWN_POOLS.find((p) => p.address === address.toLowerCase());
  if (!pool) {
    throw new Error(
      `no metadata for pool ${address}; known pools: ${KNOWN_POOLS.map((p) => p.address).join(', ')}`,
    );
  }
  return pool;
}
