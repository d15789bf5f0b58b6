import { DepthSynchronizer } from './depth-synchronizer';
import { diff, setUpSynchronizer as setUp, snapshot } from '../../test/synchronizer-harness';

describe(`${DepthSynchronizer.name}: the sync rules`, () => {
  it('buffers diffs and fetches one snapshot, starting at the first diff', () => {
    const { sync, snapshots } = setUp();
    expect(snapshots.requestCount).toBe(0);
    sync.handleEvent(diff(95, 98));
    sync.handleEvent(diff(99, 101));
    expect([sync.state, sync.bufferedEventCount, snapshots.requestCount]).toEqual([
      'buffering',
      2,
      1,
    ]);
  });

  it('drops buffered diffs the snapshot contains, applies the bridging one, then each continuation', async () => {
    const { sync, snapshots, updates, states } = setUp();
    sync.handleEvent(diff(95, 98, [['99.00', '5']]));
    sync.handleEvent(diff(99, 100, [['99.50', '5']]));
    sync.handleEvent(diff(101, 103, [['100.00', '2.5']], [['101.00', '0']]));
    await snapshots.respond({
      lastUpdateId: 100,
      bids: [['100.00', '1.0']],
      asks: [
        ['101.00', '1.0'],
        ['102.00', '3'],
      ],
    });
    sync.handleEvent(diff(104, 104, [], [['101.50', '7']]));

    expect(sync.state).toBe('live');
    expect(updates).toEqual([
      { firstUpdateId: 101, lastUpdateId: 103, firstAfterSnapshot: true },
      { firstUpdateId: 104, lastUpdateId: 104, firstAfterSnapshot: false },
    ]);
    expect(sync.orderBook.top(5)).toEqual({
      bids: [{ price: '100.00', quantity: '2.5' }],
      asks: [
        { price: '101.50', quantity: '7' },
        { price: '102.00', quantity: '3' },
      ],
    });
    expect(sync.orderBook.lastUpdateId).toBe(104);
    expect(states).toEqual(['syncing', 'live']);
    expect(sync.counters).toEqual({
      resyncs: {
        gap: 0,
        'snapshot-too-old': 0,
        'buffer-overflow': 0,
        'fetch-failed': 0,
        'invalid-event': 0,
      },
      snapshotsLoaded: 1,
      eventsApplied: 2,
      eventsIgnored: 2,
    });
  });

  it('fetches again when the snapshot is older than the first buffered diff', async () => {
    const { sync, snapshots, resyncs } = setUp();
    sync.handleEvent(diff(105, 106));
    await snapshots.respond(snapshot(100)); // 101..104 are in neither
    expect([sync.state, snapshots.requestCount, sync.bufferedEventCount]).toEqual([
      'buffering',
      2,
      1,
    ]);
    expect(resyncs).toEqual([
      {
        symbol: 'BTCUSDT',
        cause: 'snapshot-too-old',
        detail: 'diff U=105 u=106 does not continue book id 100',
      },
    ]);
    await snapshots.respond(snapshot(105));
    expect([sync.state, sync.orderBook.lastUpdateId]).toEqual(['live', 106]);
  });

  it('uses a snapshot whose id is exactly one below the first buffered U: that diff bridges it', async () => {
    const { sync, snapshots } = setUp();
    sync.handleEvent(diff(101, 102));
    await snapshots.respond(snapshot(100));
    expect([sync.state, sync.orderBook.lastUpdateId, snapshots.requestCount]).toEqual([
      'live',
      102,
      1,
    ]);
  });

  it('waits in syncing while the stream lags the snapshot, ignoring diffs it already holds', async () => {
    const { sync, snapshots, updates } = setUp();
    sync.handleEvent(diff(90, 92));
    await snapshots.respond(snapshot(100));
    expect(sync.state).toBe('syncing');
    sync.handleEvent(diff(93, 97));
    sync.handleEvent(diff(98, 100));
    expect([sync.state, updates.length, sync.counters.eventsIgnored]).toEqual(['syncing', 0, 3]);
    sync.handleEvent(diff(101, 101));
    expect(sync.state).toBe('live');
  });

  it('requires the first diff after the snapshot to bridge it (U <= id + 1 <= u)', async () => {
    const { sync, snapshots, resyncs } = setUp();
    sync.handleEvent(diff(90, 92));
    await snapshots.respond(snapshot(100));
    sync.handleEvent(diff(102, 103));
    expect(resyncs.map((event) => event.cause)).toEqual(['snapshot-too-old']);
    expect([sync.state, sync.bufferedEventCount, snapshots.requestCount]).toEqual([
      'buffering',
      1,
      2,
    ]);
    expect(sync.orderBook.bidCount).toBe(0);
  });

  it('ignores a live diff it already applied, and applies one that overlaps the book', async () => {
    const { sync, snapshots, updates } = setUp();
    sync.handleEvent(diff(101, 103, [['100.00', '2']]));
    await snapshots.respond(snapshot(100));
    sync.handleEvent(diff(101, 103, [['100.00', '9']])); // redelivered
    expect([sync.orderBook.bestBid()?.quantity, updates.length]).toEqual(['2', 1]);
    sync.handleEvent(diff(102, 105, [['100.00', '3']])); // quantities are absolute: safe to apply
    expect([sync.orderBook.bestBid()?.quantity, sync.orderBook.lastUpdateId]).toEqual(['3', 105]);
  });

  it('discards the book on a gap, reports the cause and resyncs from the diff that showed it', async () => {
    const { sync, snapshots, resyncs, states } = setUp();
    sync.handleEvent(diff(101, 101));
    await snapshots.respond(snapshot(100));
    sync.handleEvent(diff(103, 104, [['99.00', '1']]));
    expect(resyncs).toEqual([
      { symbol: 'BTCUSDT', cause: 'gap', detail: 'diff U=103 u=104 does not continue book id 101' },
    ]);
    expect([
      sync.state,
      sync.orderBook.bidCount,
      sync.bufferedEventCount,
      snapshots.requestCount,
    ]).toEqual(['buffering', 0, 1, 2]);
    await snapshots.respond(snapshot(103));
    expect(sync.orderBook.top(1).bids).toEqual([{ price: '100.00', quantity: '1.0' }]);
    expect([sync.state, sync.orderBook.lastUpdateId, sync.orderBook.bidCount]).toEqual([
      'live',
      104,
      2,
    ]);
    expect(states).toEqual(['syncing', 'live', 'buffering', 'syncing', 'live']);
    expect(sync.counters.resyncs.gap).toBe(1);
  });
});
