import { TradeEvent } from '@app/contracts';

/** Partitions of `md.trade.v1` in the benchmarks: trade n goes to partition n % PARTITIONS. */
export const PARTITIONS = 12;

/** Trade n of `events`: symbol `SYM<partition>USDT`, the `events` spread over 6 h of event time. */
export function benchTrade(n: number, events: number): TradeEvent {
  const symbol = `SYM${n % PARTITIONS}USDT`;
  const time = Date.UTC(2024, 0, 5) + Math.floor((n / events) * 6 * 3600_000);
  return {
    source: 'simulator',
    symbol,
    tradeId: n,
    aggregate: false,
    price: `${60000 + (n % 1000)}.${n % 100}`,
    qty: `0.${String(1 + (n % 9999)).padStart(4, '0')}`,
    buyerIsMaker: n % 3 === 0,
    tradeTime: time,
    exchangeTime: time,
    receivedAt: time,
    producedAt: time,
  };
}
