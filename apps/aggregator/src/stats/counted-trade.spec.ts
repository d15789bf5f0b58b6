import { SwapEvent, TradeEvent } from '@app/contracts';
import { countedFromSwap, countedFromTrade, minuteOf } from './counted-trade';

const swap = (over: Partial<SwapEvent>): SwapEvent =>
  ({
    chainId: 1,
    txHash: '0xAB',
    logIndex: 169,
    blockNumber: 18937382,
    blockTime: 1704412823000,
    token0Symbol: 'USDC',
    token1Symbol: 'WETH',
    token0Decimals: 6,
    token1Decimals: 18,
    amount0: '-22686110',
    amount1: '10000000000000000',
    ...over,
  }) as SwapEvent;

describe(countedFromSwap.name, () => {
  it('makes a USDC/WETH pool the pair WETH/USDC priced in USDC per WETH', () => {
    expect(countedFromSwap(swap({}))).toEqual({
      eventId: 'swap:1:0xab:169',
      pair: 'WETH/USDC',
      market: 'dex',
      eventTime: 1704412823000,
      ordinal: '1893738200169',
      price: '2268.611',
      baseAmount: '0.01',
      quoteAmount: '22.68611',
      takerBuys: false, // WETH went into the pool: the swapper sold it
    });
  });

  it('prices oSQTH in WETH, and refuses a swap with a zero amount', () => {
    const osqth = swap({
      token0Symbol: 'oSQTH',
      token0Decimals: 18,
      amount0: '-3000000000000000000',
      amount1: '1500000000000000',
    });
    expect(countedFromSwap(osqth)).toMatchObject({
      pair: 'OSQTH/WETH',
      price: '0.0005',
      baseAmount: '3',
      quoteAmount: '0.0015',
      takerBuys: true,
    });
    expect(countedFromSwap(swap({ amount1: '0' }))).toBeNull();
  });
});

describe(countedFromTrade.name, () => {
  it('derives the quote amount exactly and the taker side from buyerIsMaker', () => {
    const trade = {
      symbol: 'BTCUSDT',
      tradeId: 7,
      aggregate: true,
      price: '65000.10',
      qty: '0.00120',
      buyerIsMaker: true,
      tradeTime: 61_500,
    } as TradeEvent;
    expect(countedFromTrade(trade)).toMatchObject({
      eventId: 'trade:BTCUSDT:a:7',
      price: '65000.1',
      baseAmount: '0.0012',
      quoteAmount: '78.00012',
      takerBuys: false,
    });
    expect(minuteOf(61_500)).toBe(60_000);
  });
});
