import { DepthSnapshot, SnapshotFetchError } from './depth-events';
import { DepthSynchronizer } from './depth-synchronizer';
import { ManualScheduler } from './manual-scheduler';
import {
  diff,
  setUpSynchronizer as setUp,
  settle,
  snapshot,
} from '../../test/synchronizer-harness';

describe(`${DepthSynchronizer.name}: overflow, failures and stopping`, () => {
  it('treats a buffer overflow as a gap and checks the in-flight snapshot against the new buffer', async () => {
    const { sync, snapshots, resyncs } = setUp({ maxBufferedEvents: 3 });
    for (let u = 101; u <= 104; u++) sync.handleEvent(diff(u, u));
    expect(resyncs).toEqual([
      {
        symbol: 'BTCUSDT',
        cause: 'buffer-overflow',
        detail: '3 diffs buffered awaiting a snapshot (limit 3)',
      },
    ]);
    expect([sync.bufferedEventCount, snapshots.requestCount]).toEqual([1, 1]);
    await snapshots.respond(snapshot(100)); // cannot bridge to 104: 101..103 were dropped
    expect(resyncs.map((event) => event.cause)).toEqual(['buffer-overflow', 'snapshot-too-old']);
    await snapshots.respond(snapshot(103));
    expect([sync.state, sync.orderBook.lastUpdateId]).toEqual(['live', 104]);
  });

  it('retries a failed fetch after a doubling delay from the scheduler, capped', async () => {
    const { sync, snapshots, scheduler, resyncs } = setUp({
      retryDelayMs: 1000,
      maxRetryDelayMs: 3000,
    });
    sync.handleEvent(diff(101, 101));
    await snapshots.fail(new Error('HTTP 503'));
    expect(resyncs).toEqual([
      { symbol: 'BTCUSDT', cause: 'fetch-failed', detail: 'HTTP 503; retrying in 1000 ms' },
    ]);
    scheduler.advanceBy(999);
    expect(snapshots.requestCount).toBe(1);
    scheduler.advanceBy(1);
    expect(snapshots.requestCount).toBe(2);
    await snapshots.fail(new Error('timeout'));
    expect(scheduler.pendingDelays()).toEqual([2000]);
    scheduler.advanceBy(2000);
    await snapshots.fail(new Error('timeout'));
    expect(scheduler.pendingDelays()).toEqual([3000]);
    sync.handleEvent(diff(102, 102)); // buffered; the scheduled retry is not brought forward
    expect(snapshots.requestCount).toBe(3);
    scheduler.advanceBy(3000);
    await snapshots.respond(snapshot(100));
    expect([
      sync.state,
      sync.orderBook.lastUpdateId,
      sync.counters.resyncs['fetch-failed'],
    ]).toEqual(['live', 102, 3]);
  });

  it('honours a Retry-After longer than the backoff', async () => {
    const { sync, snapshots, scheduler } = setUp({ retryDelayMs: 1000, maxRetryDelayMs: 30_000 });
    sync.handleEvent(diff(101, 101));
    await snapshots.fail(new SnapshotFetchError('HTTP 429', 45_000));
    expect(scheduler.pendingDelays()).toEqual([45_000]);
  });

  it('handles a fetcher that throws instead of rejecting, and a malformed snapshot, as failed fetches', async () => {
    const scheduler = new ManualScheduler();
    let calls = 0;
    const fetchSnapshot = (): Promise<DepthSnapshot> => {
      calls++;
      if (calls === 1) throw new Error('not connected');
      return Promise.resolve({ lastUpdateId: 100, bids: [['1e5', '1']], asks: [] });
    };
    const sync = new DepthSynchronizer({
      symbol: 'BTCUSDT',
      fetchSnapshot,
      scheduler,
      retryDelayMs: 10,
    });
    const details: string[] = [];
    sync.onResync((event) => details.push(`${event.cause}: ${event.detail}`));
    sync.handleEvent(diff(101, 101));
    scheduler.advanceBy(10);
    await settle();
    expect(details).toEqual([
      'fetch-failed: not connected; retrying in 10 ms',
      'fetch-failed: malformed snapshot: invalid decimal "1e5": not a digit; retrying in 20 ms',
    ]);
    expect([sync.state, sync.orderBook.bidCount]).toEqual(['buffering', 0]);
  });

  it('discards a book a malformed diff half-updated, and resyncs on the next diff', async () => {
    const { sync, snapshots, resyncs } = setUp();
    sync.handleEvent(diff(101, 101));
    await snapshots.respond(snapshot(100));
    sync.handleEvent(
      diff(102, 102, [
        ['99.00', '1'],
        ['abc', '1'],
      ]),
    );
    expect(resyncs.map((event) => `${event.cause}: ${event.detail}`)).toEqual([
      'invalid-event: diff U=102 u=102: invalid decimal "abc": not a digit',
    ]);
    expect([sync.state, sync.orderBook.bidCount, snapshots.requestCount]).toEqual([
      'buffering',
      0,
      1,
    ]);
    sync.handleEvent(diff(103, 103));
    expect(snapshots.requestCount).toBe(2);
  });

  it('stops: cancels the retry and ignores an in-flight snapshot and later diffs', async () => {
    const { sync, snapshots, scheduler } = setUp();
    sync.handleEvent(diff(101, 101));
    await snapshots.fail(new Error('HTTP 503'));
    sync.stop();
    expect(scheduler.pendingCount).toBe(0);

    const second = setUp();
    second.sync.handleEvent(diff(101, 101));
    second.sync.stop();
    await second.snapshots.respond(snapshot(100));
    second.sync.handleEvent(diff(102, 102));
    expect([second.sync.state, second.sync.orderBook.bidCount, second.updates.length]).toEqual([
      'stopped',
      0,
      0,
    ]);
  });

  it('passes a listener exception to onListenerError and keeps synchronizing', async () => {
    const errors: unknown[] = [];
    const { sync, snapshots, updates } = setUp({ onListenerError: (error) => errors.push(error) });
    sync.onBookUpdated(() => {
      throw new Error('publish failed');
    });
    sync.handleEvent(diff(101, 101));
    await snapshots.respond(snapshot(100));
    sync.handleEvent(diff(102, 102));
    expect([errors.length, updates.length, sync.state]).toEqual([2, 2, 'live']);
  });

  it('rejects nonsensical options', () => {
    const scheduler = new ManualScheduler();
    const fetchSnapshot = (): Promise<DepthSnapshot> => Promise.resolve(snapshot(1));
    expect(
      () => new DepthSynchronizer({ symbol: 'X', fetchSnapshot, scheduler, maxBufferedEvents: 0 }),
    ).toThrow('maxBufferedEvents must be a positive integer, got 0');
    expect(
      () => new DepthSynchronizer({ symbol: 'X', fetchSnapshot, scheduler, retryDelayMs: -1 }),
    ).toThrow(RangeError);
  });
});
