/** What a swap event needs to know about its pool that the `Swap` log itself does not say. */
export interface PoolMetadata {
  chainId: number;
  /** Lower-case 0x address. */
  address: string;
  token0Symbol: string;
  token1Symbol: string;
  token0Decimals: number;
  token1Decimals: number;
  /** The pool's fee tier in hundredths of a basis point, as the pool contract has it (500 = 0.05%). */
  fee: number;
}

/** The fields of a swap event that describe its pool. */
export function poolFieldsOfSwap(pool: PoolMetadata) {
  return {
    chainId: pool.chainId,
    pool: pool.address,
    token0Symbol: pool.token0Symbol,
    token1Symbol: pool.token1Symbol,
    token0Decimals: pool.token0Decimals,
    token1Decimals: pool.token1Decimals,
  };
}

/** A pool the simulated chain can trade on: its metadata and a realistic starting state. */
export interface SimulatedPool extends PoolMetadata {
  /** From the 2024-01-05 recordings. */
  start: { sqrtPriceX96: bigint; liquidity: bigint };
}

/** The pools built in: the two recorded Uniswap v3 pools on Ethereum mainnet. */
export const KNOWN_POOLS: readonly SimulatedPool[] = [
  {
    chainId: 1,
    address: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640',
    token0Symbol: 'USDC',
    token1Symbol: 'WETH',
    token0Decimals: 6,
    token1Decimals: 18,
    fee: 500,
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
    fee: 3000,
    start: {
      sqrtPriceX96: 328485318036457216696896519263n,
      liquidity: 1814369335821519034487n,
    },
  },
];

/**
 * The pools a replay can name: the configured ones (DEX_POOLS), then the built-in ones. A
 * configured pool with a built-in address replaces it, so a wrong built-in entry can be corrected
 * without a release.
 */
export class PoolDirectory {
  private readonly byAddress = new Map<string, PoolMetadata>();

  constructor(
    configured: readonly PoolMetadata[] = [],
    builtIn: readonly PoolMetadata[] = KNOWN_POOLS,
  ) {
    for (const pool of [...builtIn, ...configured]) {
      this.byAddress.set(pool.address.toLowerCase(), {
        chainId: pool.chainId,
        address: pool.address.toLowerCase(),
        token0Symbol: pool.token0Symbol,
        token1Symbol: pool.token1Symbol,
        token0Decimals: pool.token0Decimals,
        token1Decimals: pool.token1Decimals,
        fee: pool.fee,
      });
    }
  }

  /** The pool at `address` (any case), or null when neither the configuration nor the built-ins have it. */
  find(address: string): PoolMetadata | null {
    return this.byAddress.get(address.toLowerCase()) ?? null;
  }

  /** `USDC/WETH 0.05% 0x88e6…5640`, one per pool, for the log. */
  describe(): string[] {
    return [...this.byAddress.values()].map(
      (p) =>
        `${p.token0Symbol}/${p.token1Symbol} ${p.fee / 10_000}% ${p.address.slice(0, 6)}…${p.address.slice(-4)}`,
    );
  }
}
