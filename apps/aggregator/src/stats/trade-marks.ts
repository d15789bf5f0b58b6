import { CountedTrade } from './counted-trade';

/**
 * `<SYMBOL>:a` or `<SYMBOL>:t`: the ids one high-water mark orders, from the trade's event id
 * `trade:<SYMBOL>:<a|t>:<tradeId>` (aggregate trades and trades are numbered apart).
 */
export function tradeMark(trade: CountedTrade): string {
  return trade.eventId.slice('trade:'.length, trade.eventId.lastIndexOf(':'));
}

export interface MarkedTrades {
  /** The trades above their mark, in batch order: to be counted. */
  fresh: CountedTrade[];
  /** The trades at or below their mark (counted before, or earlier in this batch). */
  duplicates: number;
  /** The new mark of every mark that moved. */
  marks: Map<string, number>;
}

/**
 * Exactly-once for exchange trades without a row per trade: the exchange numbers a symbol's trades
 * in order, the producer publishes them in that order (one partition per symbol, one request in
 * flight), so a trade whose id is not above the highest counted id of its mark is a redelivery or
 * a duplicate (a second producer's copy). Pure: the caller reads `stored` and writes `marks` in the
 * batch's transaction, under the pairs' locks.
 */
export function dedupeByMarks(
  trades: readonly CountedTrade[],
  stored: ReadonlyMap<string, number>,
): MarkedTrades {
  const result: MarkedTrades = { fresh: [], duplicates: 0, marks: new Map() };
  for (const trade of trades) {
    const mark = tradeMark(trade);
    const id = Number(trade.ordinal);
    const highest = result.marks.get(mark) ?? stored.get(mark);
    if (highest !== undefined && id <= highest) {
      result.duplicates++;
      continue;
    }
    result.fresh.push(trade);
    result.marks.set(mark, id);
  }
  return result;
}
