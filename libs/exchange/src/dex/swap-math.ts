/** Uniswap v3 price math within one liquidity range, in exact integers (Q64.96 fixed point). */
export const Q96 = 1n << 96n;

export interface PoolState {
  sqrtPriceX96: bigint;
  liquidity: bigint;
}

export interface SwapResult {
  /** Pool balance changes (positive: into the pool), smallest units. */
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
}

/**
 * Executes a swap of `amountIn` (> 0) of token0 (`zeroForOne`, price falls) or token1 (price rises)
 * against `state`, without fees and without crossing ticks (the liquidity stays constant), and
 * rounds as the pool does: in the pool's favour. The amounts follow from the sqrtPrice move:
 * Δtoken1 = L·Δ√P and Δtoken0 = L·Δ(1/√P).
 */
export function swapExactIn(state: PoolState, zeroForOne: boolean, amountIn: bigint): SwapResult {
  if (amountIn <= 0n) throw new RangeError(`amountIn must be positive (got ${amountIn})`);
  const { sqrtPriceX96: sqrtP, liquidity: L } = state;
  if (zeroForOne) {
    // √P' = L·√P / (L + amountIn·√P / Q96), rounded up (the pool keeps the remainder).
    const numerator = L * Q96 * sqrtP;
    const denominator = L * Q96 + amountIn * sqrtP;
    const next = ceilDiv(numerator, denominator);
    const out = (L * (sqrtP - next)) / Q96;
    return { amount0: amountIn, amount1: -out, sqrtPriceX96: next };
  }
  const next = sqrtP + (amountIn * Q96) / L;
  const out = (L * Q96 * (next - sqrtP)) / next / sqrtP;
  return { amount0: -out, amount1: amountIn, sqrtPriceX96: next };
}

/** The tick of a price: floor(log base 1.0001 of (√P/2^96)²). Not money: a float is fine here. */
export function tickOf(sqrtPriceX96: bigint): number {
  const sqrt = Number(sqrtPriceX96) / 2 ** 96;
  return Math.floor((2 * Math.log(sqrt)) / Math.log(1.0001));
}

/** Token0 amount worth `amount1` of token1 at the pool price: amount1·Q96²/√P². */
export function token1ToToken0(amount1: bigint, sqrtPriceX96: bigint): bigint {
  return (amount1 * Q96 * Q96) / (sqrtPriceX96 * sqrtPriceX96);
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
