import { TradeEvent } from '@app/contracts';

/** A valid md.trade.v1 event for the batch consumers' tests; only the trade id varies. */
export function testTrade(tradeId: number): TradeEvent {
  return {
    source: 'simulator',
    symbol: 'BTCUSDT',
    tradeId,
    aggregate: false,
    price: '65000.1',
    qty: '0.5',
    buyerIsMaker: false,
    tradeTime: 1_700_000_000_000,
    exchangeTime: 1_700_000_000_000,
    receivedAt: 1_700_000_000_000,
    producedAt: 1_700_000_000_000,
  };
}
