import { canonical, divideDecimals, formatUnits, multiplyDecimals } from '@app/decimal';
import { STATS_PRICE_SCALE, SwapEvent, TradeEvent } from '@app/contracts';
import { swapPair } from './swap-pair';

export const MINUTE_MS = 60_000;

/**
 * One trade or swap as the statistics see it: a price and the base and quote amounts that changed
 * hands, all canonical decimal strings.
 */
export interface CountedTrade {
  /** `trade:<SYMBOL>:<t|a>:<tradeId>` or `swap:<chainId>:<txHash>:<logIndex>`: the dedupe key. */
  eventId: string;
  pair: string;
  market: 'spot' | 'dex';
  /** Event time: the exchange's trade time, or the swap's block time (ms). */
  eventTime: number;
  /**
   * Orders events of the same millisecond, before the event id: the trade id, or for swaps
   * blockNumber × 100,000 + logIndex (the chain's order). Open and close are the first and last
   * event of a window by (eventTime, ordinal, eventId).
   */
  ordinal: string;
  price: string;
  baseAmount: string;
  quoteAmount: string;
  /** The taker bought the base (trade: the buyer was not the maker; swap: base left the pool). */
  takerBuys: boolean;
}

export function minuteOf(eventTime: number): number {
  return eventTime - (((eventTime % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
}

export function tradeEventId(trade: Pick<TradeEvent, 'symbol' | 'aggregate' | 'tradeId'>): string {
  return `trade:${trade.symbol}:${trade.aggregate ? 'a' : 't'}:${trade.tradeId}`;
}

export function swapEventId(swap: Pick<SwapEvent, 'chainId' | 'txHash' | 'logIndex'>): string {
  return `swap:${swap.chainId}:${swap.txHash.toLowerCase()}:${swap.logIndex}`;
}

export function countedFromTrade(trade: TradeEvent): CountedTrade {
  const price = canonical(trade.price);
  const baseAmount = canonical(trade.qty);
  return {
    eventId: tradeEventId(trade),
    pair: trade.symbol,
    market: 'spot',
    eventTime: trade.tradeTime,
    ordinal: String(trade.tradeId),
    price,
    baseAmount,
    quoteAmount: multiplyDecimals(price, baseAmount),
    takerBuys: !trade.buyerIsMaker,
  };
}

function magnitude(signed: string): bigint {
  const value = BigInt(signed);
  return value < 0n ? -value : value;
}

/**
 * A swap's base and quote amounts are |amount| / 10^decimals of each token; its price is
 * quote ÷ base truncated to STATS_PRICE_SCALE decimals. Null when either amount is zero: such a swap has
 * no price, so it is not a trade and does not count.
 */
export function countedFromSwap(swap: SwapEvent): CountedTrade | null {
  const { pair, baseToken } = swapPair(swap);
  const [baseRaw, quoteRaw] =
    baseToken === 0 ? [swap.amount0, swap.amount1] : [swap.amount1, swap.amount0];
  const [baseDecimals, quoteDecimals] =
    baseToken === 0
      ? [swap.token0Decimals, swap.token1Decimals]
      : [swap.token1Decimals, swap.token0Decimals];
  const baseUnits = magnitude(baseRaw);
  const quoteUnits = magnitude(quoteRaw);
  if (baseUnits === 0n || quoteUnits === 0n) return null;
  const baseAmount = formatUnits(baseUnits, baseDecimals);
  const quoteAmount = formatUnits(quoteUnits, quoteDecimals);
  return {
    eventId: swapEventId(swap),
    pair,
    market: 'dex',
    eventTime: swap.blockTime,
    ordinal: String(BigInt(swap.blockNumber) * 100_000n + BigInt(swap.logIndex)),
    price: divideDecimals(quoteAmount, baseAmount, STATS_PRICE_SCALE),
    baseAmount,
    quoteAmount,
    // Negative: the pool paid the base out, so the swapper bought it.
    takerBuys: BigInt(baseRaw) < 0n,
  };
}
