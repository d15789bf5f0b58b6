import { SqlExecutor } from '@app/storage';
import { CountedTrade, minuteOf } from '../stats/counted-trade';
import {
  applyObservations,
  LedgerChanges,
  Observation,
  parseWindowKey,
  windowKey,
} from '../stats/event-ledger';
import { dedupeByMarks, tradeMark } from '../stats/trade-marks';
import { insertNewLedgerEntries, readLedger, writeLedger } from '../store/ledger-store';
import { addTradesToMinutes, readTradeMarks } from '../store/trade-store';
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

type CountObservation = Extract<Observation, { action: 'count' }>;
const isExchangeTrade = (o: Observation): o is CountObservation =>
  o.action === 'count' && o.trade.market === 'spot';

/**
 * The statistics half of a batch's transaction (the offsets half is `advanceOffset`):
 *
 * 1. Read the ledger's horizon and take the locks of the exchange trades' pairs (one statement).
 * 2. Exchange trades: read their high-water marks, count the trades above them into their minute
 *    windows and move the marks (one statement; `trade-marks.ts`, `addTradesToMinutes`).
 * 3. Swaps, through the ledger, insert first: apply the observations as if no id were stored yet,
 *    take their pairs' locks and insert those entries where no entry exists (one statement); only
 *    the ids that had an entry (redeliveries, a swap's later status) are read and applied to their
 *    stored entries, which are then overwritten; their windows are recomputed from the ledger.
 * 4. Recompute the days of every window that changed, then the rolling figures (`1h` and `24h`
 *    from the minutes, `all` from the days).
 *
 * Observations of different ids never interact, so splitting them by id gives the same result as
 * applying them all at once; trades and swaps never share a pair (`BTCUSDT`, `WETH/USDC`).
 *
 * First of all, events older than the ledger's retention horizon are refused: their ids may have
 * been pruned from the ledger, and their minutes' days may have lost minutes, so counting them
 * could count them twice or wrongly (a replay of old offsets never gets here: the stored offsets
 * fence it).
 */
export async function applyBatch(
  tx: SqlExecutor,
  allObservations: readonly Observation[],
): Promise<AppliedBatch> {
  const exchangeTrades = allObservations.filter(isExchangeTrade);
  const horizon = await readLedgerHorizon(tx, sortedUnique(exchangeTrades.map((o) => o.pair)));
  const observations = allObservations.filter((o) => o.eventTime >= horizon);
  const trades = await applyExchangeTrades(
    tx,
    exchangeTrades.filter((o) => o.eventTime >= horizon).map((o) => o.trade),
  );
  const swaps = await applyToLedger(
    tx,
    observations.filter((o) => !isExchangeTrade(o)),
  );

  const windowKeys = new Set([...trades.affectedWindows, ...swaps.affectedWindows]);
  const windows = [...windowKeys].map(parseWindowKey);
  const pairs = sortedUnique(windows.map((w) => w.pair));
  const minuteFigures = [
    ...trades.minuteFigures,
    ...(await recomputeMinuteWindows(tx, [...swaps.affectedWindows].map(parseWindowKey))),
  ];
  await recomputeDayWindows(tx, windows);
  const rollingFigures = await recomputePairStats(tx, pairs);
  return {
    minuteFigures,
    rollingFigures,
    changed: new Map([...trades.changed, ...swaps.changed]),
    counted: trades.counted + swaps.counted,
    uncounted: swaps.uncounted,
    duplicates: trades.duplicates + swaps.duplicates,
    windows,
    pairs,
    beyondRetention: allObservations.length - observations.length,
  };
}

/** Exchange trades, deduplicated by high-water mark (their pairs are locked already). */
async function applyExchangeTrades(
  tx: SqlExecutor,
  trades: readonly CountedTrade[],
): Promise<LedgerChanges & { minuteFigures: FigureRow[] }> {
  const stored = await readTradeMarks(tx, [...new Set(trades.map(tradeMark))]);
  const { fresh, duplicates, marks } = dedupeByMarks(trades, stored);
  return {
    minuteFigures: await addTradesToMinutes(tx, fresh, marks),
    changed: new Map(fresh.map((trade) => [trade.eventId, { state: 'counted', trade }])),
    affectedWindows: new Set(fresh.map((t) => windowKey(t.pair, minuteOf(t.eventTime)))),
    counted: fresh.length,
    uncounted: 0,
    duplicates,
  };
}

/** Swaps (and whatever else has no order to rely on), through the ledger, insert first. */
async function applyToLedger(
  tx: SqlExecutor,
  observations: readonly Observation[],
): Promise<LedgerChanges> {
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
  return {
    changed: new Map([...freshChanges.changed, ...knownChanges.changed]),
    affectedWindows: new Set([...freshChanges.affectedWindows, ...knownChanges.affectedWindows]),
    counted: freshChanges.counted + knownChanges.counted,
    uncounted: freshChanges.uncounted + knownChanges.uncounted,
    duplicates: freshChanges.duplicates + knownChanges.duplicates,
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
