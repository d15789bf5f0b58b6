import { SwapEvent } from '@app/contracts';

/**
 * Which token of a pool is the quote: the one listed earlier here. A USDC/WETH pool is the pair
 * WETH/USDC, priced in USDC per WETH; oSQTH/WETH is OSQTH/WETH, priced in WETH per oSQTH. When
 * neither token is listed, token1 is the quote (the pool's own price direction, token1 per token0).
 */
export const QUOTE_PRIORITY: readonly string[] = ['USDC', 'USDT', 'DAI', 'WETH', 'WBTC', 'ETH'];

export interface SwapPair {
  /** `BASE/QUOTE`, upper case. */
  pair: string;
  /** Which pool amount is the base: amount0 (token0) or amount1. */
  baseToken: 0 | 1;
}

function rank(symbol: string): number {
  const index = QUOTE_PRIORITY.indexOf(symbol.toUpperCase());
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

export function swapPair(swap: Pick<SwapEvent, 'token0Symbol' | 'token1Symbol'>): SwapPair {
  const token0IsQuote = rank(swap.token0Symbol) < rank(swap.token1Symbol);
  const base = token0IsQuote ? swap.token1Symbol : swap.token0Symbol;
  const quote = token0IsQuote ? swap.token0Symbol : swap.token1Symbol;
  return { pair: `${base}/${quote}`.toUpperCase(), baseToken: token0IsQuote ? 1 : 0 };
}
