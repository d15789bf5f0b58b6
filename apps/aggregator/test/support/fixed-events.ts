import { SwapEvent, TradeEvent } from '@app/contracts';

/** A BTCUSDT trade of the simulator at `time`, for specs that spell out every trade. */
export function btcTrade(
  tradeId: number,
  price: string,
  qty: string,
  time: number,
  buyerIsMaker = false,
): TradeEvent {
  return {
    source: 'simulator',
    symbol: 'BTCUSDT',
    tradeId,
    aggregate: false,
    price,
    qty,
    buyerIsMaker,
    tradeTime: time,
    exchangeTime: time,
    receivedAt: time,
    producedAt: time,
  };
}

/**
 * A swap of the USDC/WETH pool (token0 USDC, 6 decimals; token1 WETH, 18) in one transaction of
 * one block, amounts as the log gives them (negative: paid out by the pool).
 */
export function usdcWethSwap(
  logIndex: number,
  status: SwapEvent['status'],
  amount0: string,
  amount1: string,
  blockTime: number,
): SwapEvent {
  return {
    source: 'replay',
    chainId: 1,
    pool: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640',
    token0Symbol: 'USDC',
    token1Symbol: 'WETH',
    token0Decimals: 6,
    token1Decimals: 18,
    txHash: `0x${'ab'.repeat(32)}`,
    logIndex,
    blockNumber: 18937382,
    blockTime,
    sender: `0x${'11'.repeat(20)}`,
    recipient: `0x${'22'.repeat(20)}`,
    amount0,
    amount1,
    sqrtPriceX96: '1',
    liquidity: '1',
    tick: 0,
    status,
    producedAt: blockTime,
  };
}
