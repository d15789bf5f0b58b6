import { SqlExecutor } from '@app/storage';
import {
  applyObservations,
  LedgerChanges,
  Observation,
  parseWindowKey,
} from '../stats/event-ledger';
import { insertNewLedgerEntries, readLedger, writeLedger } from '../store/ledger-store';
import { readLedgerHorizon } from '../store/retention-store';
import { FigureRow } from '../store/stats-reader';
import {
  recomputeDayWindows,
  recomputeMinuteWindows,
  recomputePairStats,
} from '../store/window-store';

export interface AppliedBatch extends Omit<LedgerChanges, 'affectedWindows'> {
  windows: { pair: string; minuteStart: number }[];
  pairs: string[];
  /** The touched one-minute windows that still exist, as stored by this transaction. */
  minuteFigures: FigureRow[];
  /** The touched pairs' 1h, 24h and all figures, as stored by this transaction. */
  rollingFigures: FigureRow[];
  /** Events older than the ledger's retention horizon: refused, not counted (see below). */
  beyondRetention: number;
}

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/**
 * The statistics half of a batch's transaction (the offsets half is `advanceOffset`), insert first:
 *
 * 1. Apply the observations as if no id were stored yet, take the locks of every pair the batch
 *    names and insert those entries where no entry exists (one statement).
 * 2. Only the ids that had an entry (redeliveries, duplicates, a swap's later status) are read and
 *    applied to their stored entries, which are then overwritten.
 * 3. Recompute every one-minute window that changed, then their days, then the rolling figures
 *    (`1h` and `24h` from the minutes, `all` from the days).
 *
 * Observations of different ids never interact, so splitting them by id gives the same result as
 * applying them all to the stored ledger at once; in the usual batch every id is new and the ledger
 * costs one statement instead of a read and a write.
 *
 * First of all, events older than the ledger's retention horizon are refused: their ids may have
 * been pruned from the ledger, so counting them could count them twice (a replay of old offsets
 * never gets here: the stored offsets fence it).
 */
export async function applyBatch(
  tx: SqlExecutor,
  allObservations: readonly Observation[],
): Promise<AppliedBatch> {
  const horizon = await readLedgerHorizon(tx);
  const observations = allObservations.filter((o) => o.eventTime >= horizon);
  const lockedPairs = sortedUnique(observations.map((o) => o.pair));
  const assumedNew = applyObservations(new Map(), observations);
  const inserted =
    lockedPairs.length === 0
      ? new Set<string>()
      : await insertNewLedgerEntries(tx, assumedNew.changed, lockedPairs);
  const fresh = observations.filter((o) => inserted.has(o.eventId));
  const known = observations.filter((o) => !inserted.has(o.eventId));
  const freshChanges =
    fresh.length === observations.length ? assumedNew : applyObservations(new Map(), fresh);
  const knownChanges = await applyToStored(tx, known, lockedPairs);

  const windowKeys = new Set([...freshChanges.affectedWindows, ...knownChanges.affectedWindows]);
  const windows = [...windowKeys].map(parseWindowKey);
  const pairs = sortedUnique(windows.map((w) => w.pair));
  const minuteFigures = await recomputeMinuteWindows(tx, windows);
  await recomputeDayWindows(tx, windows);
  const rollingFigures = await recomputePairStats(tx, pairs);
  return {
    minuteFigures,
    rollingFigures,
    changed: new Map([...freshChanges.changed, ...knownChanges.changed]),
    counted: freshChanges.counted + knownChanges.counted,
    uncounted: freshChanges.uncounted + knownChanges.uncounted,
    duplicates: freshChanges.duplicates + knownChanges.duplicates,
    windows,
    pairs,
    beyondRetention: allObservations.length - observations.length,
  };
}

/** Applies the observations of ids that already had an entry to what is stored for them. */
async function applyToStored(
  tx: SqlExecutor,
  observations: readonly Observation[],
  lockedPairs: readonly string[],
): Promise<LedgerChanges> {
  if (observations.length === 0) return applyObservations(new Map(), []);
  const ids = [...new Set(observations.map((o) => o.eventId))];
  const changes = applyObservations(await readLedger(tx, ids), observations);
  // A stored entry's pair is its event's pair, so these locks are held already; a pair that is not
  // (no such event exists today) is locked here rather than recomputed unlocked.
  const locked = new Set(lockedPairs);
  const unlocked = sortedUnique(
    [...changes.affectedWindows].map((key) => parseWindowKey(key).pair),
  ).filter((pair) => !locked.has(pair));
  await writeLedger(tx, changes.changed, unlocked);
  return changes;
}
