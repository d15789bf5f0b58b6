import { existsSync } from 'node:fs';
import {
  BINANCE_SPOT_RECORDINGS,
  RecordedSnapshot,
  SymbolRecording,
  listRecordedSymbols,
  loadSymbolRecording,
} from '../../../../test/support/binance-recordings';
import { canonicalDecimal } from '@app/decimal';
import { DepthSnapshot } from './depth-events';
import { DepthSynchronizer } from './depth-synchronizer';
import { ManualScheduler } from './manual-scheduler';
import { SyncCounters } from './sync-types';

/**
 * Ground truth from the exchange itself: Binance's bookTicker stream carries the update id `u` of
 * the book it describes, so after applying the diff with that same `u` our best bid and ask must
 * equal it exactly. Expected counts per symbol were established independently of this code (a
 * plain replay with Python's Decimal) and are re-derived below from the raw data alone.
 */
const EXPECTED_MATCHED_POINTS: Record<string, Record<string, number>> = {
  '2021-04-05': {
    AXSBNB: 69,
    BTCAUD: 29,
    BTCSTUSDT: 58,
    DENTUSDT: 301,
    ETHBRL: 55,
    MANAUSDT: 127,
    NEOUSDC: 192,
    QTUMETH: 87,
    RENBTCETH: 56,
    ZILUSDT: 178,
  },
  '2021-08-14': { BADGERBTC: 33, FTMUSDT: 34, SXPBTC: 13, XMRBTC: 16 },
};
const EXPECTED_TOTALS: Record<string, number> = { '2021-04-05': 1152, '2021-08-14': 96 };

interface ReplayResult {
  readonly matchedPoints: number;
  /** Matched points whose strings were also identical as recorded, before canonicalization. */
  readonly identicallySpelledPoints: number;
  readonly mismatches: readonly string[];
  readonly crossedAfterUpdates: number;
  readonly counters: SyncCounters;
  readonly finalState: string;
}

/**
 * Feeds the diffs in the order received, answering the synchronizer's snapshot request with the
 * recorded snapshot once replay time reaches the moment it was received, as it happened live.
 */
async function replay(recording: SymbolRecording): Promise<ReplayResult> {
  const snapshotsToServe = [...recording.snapshots];
  const pendingRequests: ((snapshot: DepthSnapshot) => void)[] = [];
  const sync = new DepthSynchronizer({
    symbol: recording.symbol,
    fetchSnapshot: () => new Promise((resolve) => pendingRequests.push(resolve)),
    scheduler: new ManualScheduler(),
  });
  const tickersByUpdateId = new Map(recording.bookTickers.map((ticker) => [ticker.u, ticker]));
  let matchedPoints = 0;
  let identicallySpelledPoints = 0;
  let crossedAfterUpdates = 0;
  const mismatches: string[] = [];
  sync.onBookUpdated(({ book, lastUpdateId }) => {
    if (book.isCrossed()) crossedAfterUpdates++;
    const ticker = tickersByUpdateId.get(lastUpdateId);
    if (!ticker) return;
    const bid = book.bestBid();
    const ask = book.bestAsk();
    const ours = [bid?.price, bid?.quantity, ask?.price, ask?.quantity];
    const theirs = [ticker.b, ticker.B, ticker.a, ticker.A];
    const canonical = (values: (string | undefined)[]): string =>
      values.map((v) => canonicalDecimal(v ?? '')).join(' ');
    if (canonical(ours) === canonical(theirs)) matchedPoints++;
    else
      mismatches.push(
        `u=${lastUpdateId}: book ${ours.join(' ')} vs bookTicker ${theirs.join(' ')}`,
      );
    if (ours.join(' ') === theirs.join(' ')) identicallySpelledPoints++;
  });

  const serveSnapshotReceivedBy = async (time: number): Promise<void> => {
    const next: RecordedSnapshot | undefined = snapshotsToServe[0];
    if (pendingRequests.length === 0 || !next || next.recv_ts > time) return;
    snapshotsToServe.shift();
    pendingRequests.shift()?.(next);
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const diff of recording.diffs) {
    await serveSnapshotReceivedBy(diff.recv_ts);
    sync.handleEvent(diff);
  }
  await serveSnapshotReceivedBy(Number.POSITIVE_INFINITY);
  return {
    matchedPoints,
    identicallySpelledPoints,
    mismatches,
    crossedAfterUpdates,
    counters: sync.counters,
    finalState: sync.state,
  };
}

/** From the raw data alone: bookTicker points that coincide with a diff applied after the snapshot. */
function checkablePoints(recording: SymbolRecording): number {
  const snapshotId = recording.snapshots[0].lastUpdateId;
  const appliedIds = new Set(
    recording.diffs.filter((diff) => diff.u > snapshotId).map((diff) => diff.u),
  );
  return recording.bookTickers.filter((ticker) => appliedIds.has(ticker.u)).length;
}

describe(`${DepthSynchronizer.name} on recorded Binance spot data`, () => {
  it('finds the recordings in the repository', () => {
    expect(existsSync(BINANCE_SPOT_RECORDINGS)).toBe(true);
  });

  describe.each(Object.keys(EXPECTED_MATCHED_POINTS))('%s', (date) => {
    const expected = EXPECTED_MATCHED_POINTS[date];
    const results = new Map<string, ReplayResult>();
    const recordings = new Map<string, SymbolRecording>();

    beforeAll(async () => {
      for (const symbol of listRecordedSymbols(date)) {
        const recording = loadSymbolRecording(date, symbol);
        recordings.set(symbol, recording);
        results.set(symbol, await replay(recording));
      }
    });

    it('has one folder, with one snapshot, per expected symbol', () => {
      expect([...recordings.keys()]).toEqual(Object.keys(expected));
      expect([...recordings.values()].map((recording) => recording.snapshots.length)).toEqual(
        Object.keys(expected).map(() => 1),
      );
    });

    it.each(Object.entries(expected))(
      '%s: best bid and ask equal bookTicker at all %i points',
      (symbol, points) => {
        const recording = recordings.get(symbol)!;
        const result = results.get(symbol)!;
        expect(result.mismatches).toEqual([]);
        expect(result.matchedPoints).toBe(points);
        expect(checkablePoints(recording)).toBe(points);
        expect(result.identicallySpelledPoints).toBe(points);
        expect(result.crossedAfterUpdates).toBe(0);
        const snapshotId = recording.snapshots[0].lastUpdateId;
        const alreadyInSnapshot = recording.diffs.filter((diff) => diff.u <= snapshotId).length;
        expect(result.finalState).toBe('live');
        expect(result.counters).toEqual({
          resyncs: {
            gap: 0,
            'snapshot-too-old': 0,
            'buffer-overflow': 0,
            'fetch-failed': 0,
            'invalid-event': 0,
          },
          snapshotsLoaded: 1,
          eventsApplied: recording.diffs.length - alreadyInSnapshot,
          eventsIgnored: alreadyInSnapshot,
        });
      },
    );

    it(`matches ${EXPECTED_TOTALS[date]} of ${EXPECTED_TOTALS[date]} points in all`, () => {
      const total = (pick: (result: ReplayResult) => number): number =>
        [...results.values()].reduce((sum, result) => sum + pick(result), 0);
      expect(total((result) => result.matchedPoints)).toBe(EXPECTED_TOTALS[date]);
      expect(total((result) => result.mismatches.length)).toBe(0);
    });
  });
});
