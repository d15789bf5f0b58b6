import { SqlExecutor } from '@app/storage';
import { applyObservations, LedgerChanges, Observation } from '../stats/event-ledger';
import { readLedger, writeLedger } from '../store/ledger-store';
import { FigureRow } from '../store/stats-reader';
import { recomputeMinuteWindows, recomputePairStats } from '../store/window-store';

export interface AppliedBatch extends Omit<LedgerChanges, 'affectedWindows'> {
  windows: { pair: string; minuteStart: number }[];
  pairs: string[];
  /** The touched one-minute windows that still exist, as stored by this transaction. */
  minuteFigures: FigureRow[];
  /** The touched pairs' 1h and 24h figures, as stored by this transaction. */
  rollingFigures: FigureRow[];
}

/**
 * The statistics half of a batch's transaction: reads the ledger entries of the batch's ids,
 * applies the observations in order, writes back what changed and recomputes every one-minute
 * window and rolling figure that changed. The offsets half is `advanceOffset`.
 */
export async function applyBatch(
  tx: SqlExecutor,
  observations: readonly Observation[],
): Promise<AppliedBatch> {
  const ids = [...new Set(observations.map((o) => o.eventId))];
  const changes = applyObservations(await readLedger(tx, ids), observations);
  const windows = [...changes.affectedWindows].map((key) => {
    const [pair, minute] = key.split('\u0000');
    return { pair: pair, minuteStart: Number(minute) };
  });
  const pairs = [...new Set(windows.map((w) => w.pair))].sort();
  await writeLedger(tx, changes.changed, pairs);
  const minuteFigures = await recomputeMinuteWindows(tx, windows);
  const rollingFigures = await recomputePairStats(tx, pairs);
  return {
    minuteFigures,
    rollingFigures,
    changed: changes.changed,
    counted: changes.counted,
    uncounted: changes.uncounted,
    duplicates: changes.duplicates,
    windows,
    pairs,
  };
}
