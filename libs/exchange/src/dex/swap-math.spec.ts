import { Q96, swapExactIn, tickOf, token1ToToken0 } from './swap-math';

// USDC/WETH 0.05% after the first recorded swap of 2024-01-05 (block 18937382, tick 199045).
const usdcWeth = {
  sqrtPriceX96: 1662995104975155420368771254341874n,
  liquidity: 12453647101533358277n,
};

describe(swapExactIn.name, () => {
  it('token1 in raises the price by amountIn/L and pays out token0 = L·Δ(1/√P)', () => {
    const amountIn = 10n ** 18n; // 1 WETH
    const result = swapExactIn(usdcWeth, false, amountIn);

    expect(result.amount1).toBe(amountIn);
    expect(result.sqrtPriceX96).toBe(usdcWeth.sqrtPriceX96 + (amountIn * Q96) / usdcWeth.liquidity);
    // Independent check: token0 out = L·Q96/√P_old − L·Q96/√P_new, within rounding.
    const L = usdcWeth.liquidity;
    const expectedOut = (L * Q96) / usdcWeth.sqrtPriceX96 - (L * Q96) / result.sqrtPriceX96;
    expect(-result.amount0 - expectedOut).toBeGreaterThanOrEqual(-1n);
    expect(-result.amount0 - expectedOut).toBeLessThanOrEqual(1n);
    // About 2,270 USDC for 1 WETH on that day.
    expect(-result.amount0 / 10n ** 6n).toBe(2269n);
  });

  it('token0 in lowers the price and pays out token1 = L·Δ√P', () => {
    const amountIn = 2_269_745_823n; // 1 WETH worth of USDC at the pool price
    const result = swapExactIn(usdcWeth, true, amountIn);

    expect(result.amount0).toBe(amountIn);
    expect(result.sqrtPriceX96 < usdcWeth.sqrtPriceX96).toBe(true);
    expect(-result.amount1).toBe(
      (usdcWeth.liquidity * (usdcWeth.sqrtPriceX96 - result.sqrtPriceX96)) / Q96,
    );
    // Slightly under 1 WETH: the price moves against the taker and the pool rounds in its favour.
    expect(-result.amount1 < 10n ** 18n && -result.amount1 > 999n * 10n ** 15n).toBe(true);
  });

  it('rejects a non-positive amount', () => {
    expect(() => swapExactIn(usdcWeth, true, 0n)).toThrow('amountIn must be positive (got 0)');
  });
});

describe(tickOf.name, () => {
  it('matches the ticks recorded by the pools', () => {
    expect(tickOf(1662995104975155420368771254341874n)).toBe(199045);
    expect(tickOf(328485318036457216696896519263n)).toBe(28444);
  });
});

describe(token1ToToken0.name, () => {
  it('converts 1 WETH into USDC units at the pool price', () => {
    expect(token1ToToken0(10n ** 18n, usdcWeth.sqrtPriceX96) / 10n ** 6n).toBe(2269n);
  });
});
