import { SqlExecutor } from '@app/storage';
import { LOCK_PAIRS_SQL } from './window-store';

const DAY_MS = 86_400_000;

export interface RetentionWindows {
  /** How far behind the newest event the exactly-once ledger remembers ids. */
  ledgerMs: number;
  /** How far behind the newest minute one-minute windows are kept (days and the `all` span stay). */
  minutesMs: number;
}

export interface Pruned {
  ledgerHorizon: number;
  ledgerRows: number;
  minuteRows: number;
}

/**
 * The ledger's horizon, read in share mode: batches run side by side, and a prune (which locks the
 * row for update) waits for them and they for it. Takes the locks of `lockedPairs` in the same
 * round trip (`LOCK_PAIRS_SQL`): the statements after it see every batch of those pairs that
 * committed before.
 */
export async function readLedgerHorizon(
  tx: SqlExecutor,
  lockedPairs: readonly string[] = [],
): Promise<number> {
  const { rows } = await tx.query<{ ledger_horizon: string }>(
    `select ledger_horizon, (${LOCK_PAIRS_SQL('$1')}) as locked
       from aggregator_retention for share`,
    [[...lockedPairs]],
  );
  return Number(rows[0]?.ledger_horizon ?? 0);
}

/**
 * Moves the ledger horizon to (newest event time − ledgerMs), never back, and deletes the ledger
 * rows below it (the newest event: the ledger's, or the newest minute's start, since exchange
 * trades keep no ledger rows: `trade-marks.ts`); deletes minute windows older than (newest minute − minutesMs). Both are measured
 * on the data's own clock, not the wall clock, so a replay of a recorded day keeps its figures.
 * Days and the `all` span are kept whole; the minutes of any day an accepted event can still touch
 * are kept too, because minutesMs exceeds ledgerMs by a day or more (checked at start-up).
 */
export async function pruneBeyondRetention(
  tx: SqlExecutor,
  windows: RetentionWindows,
): Promise<Pruned> {
  if (windows.minutesMs < windows.ledgerMs + DAY_MS)
    throw new RangeError('minute retention must exceed ledger retention by a day or more');
  await tx.query('select ledger_horizon from aggregator_retention for update');
  const { rows } = await tx.query<{ ledger_horizon: string }>(
    `update aggregator_retention
        set ledger_horizon = greatest(ledger_horizon,
              coalesce(greatest((select max(event_time) from aggregator_events),
                                (select max(minute_start) from aggregator_minute_windows))
                       - $1::bigint, 0))
      returning ledger_horizon`,
    [windows.ledgerMs],
  );
  const ledgerHorizon = Number(rows[0].ledger_horizon);
  const ledger = await tx.query('delete from aggregator_events where event_time < $1', [
    ledgerHorizon,
  ]);
  const minutes = await tx.query(
    `delete from aggregator_minute_windows
      where minute_start < (select max(minute_start) from aggregator_minute_windows) - $1::bigint`,
    [windows.minutesMs],
  );
  return { ledgerHorizon, ledgerRows: ledger.rowCount, minuteRows: minutes.rowCount };
}
