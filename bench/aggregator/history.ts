import { TradeEvent } from '@app/contracts';
import { migrate, PostgresDatabase } from '@app/storage';
import { applyBatch, observe } from '../../apps/aggregator/src';
import { benchTrade, PARTITIONS } from './bench-trades';

const HOUR_MS = 3600_000;
const BATCH = 2000;
const CONNECTIONS = 4;

/**
 * History trade n of `total`: the bench's symbols and amounts, spread over the `hours` before the
 * bench's first trade, with ids below the bench's (they came first).
 */
function historyTrade(n: number, total: number, hours: number): TradeEvent {
  const trade = benchTrade(n, total);
  const start = Date.UTC(2024, 0, 5) - hours * HOUR_MS;
  const time = start + Math.floor((n / total) * hours * HOUR_MS);
  return {
    ...trade,
    tradeId: n - total,
    tradeTime: time,
    exchangeTime: time,
    receivedAt: time,
    producedAt: time,
  };
}

/**
 * Stores `hours` of history in `schema` before the aggregator starts, through the aggregator's own
 * batch code (`applyBatch`), so the tables hold exactly what that build keeps for those trades: the
 * minute and day windows, the rolling figures and whatever the exactly-once bookkeeping stores per
 * trade. `eventsPerHour` trades an hour (the bench stream's own rate: its events over 6 h), all
 * inside the 7-day ledger retention, so the start-up prune keeps them.
 */
export async function fillHistory(
  url: string,
  schema: string,
  hours: number,
  eventsPerHour: number,
): Promise<void> {
  const total = Math.round(hours * eventsPerHour);
  const db = await PostgresDatabase.connect({ url, schema, maxConnections: CONNECTIONS });
  try {
    await migrate(db);
    const partitions: TradeEvent[][] = Array.from({ length: PARTITIONS }, () => []);
    for (let n = 0; n < total; n++) partitions[n % PARTITIONS].push(historyTrade(n, total, hours));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < PARTITIONS) {
        const trades = partitions[next++];
        for (let from = 0; from < trades.length; from += BATCH) {
          const batch = trades.slice(from, from + BATCH).map((t) => observe('trade', t));
          await db.transaction((tx) => applyBatch(tx, batch));
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    await db.query('analyze');
  } finally {
    await db.close();
  }
}
