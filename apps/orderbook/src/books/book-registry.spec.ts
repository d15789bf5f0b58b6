import { DepthDiffEvent } from '@app/contracts';
import { bookChecksum, DepthSnapshot, ManualScheduler } from '@app/orderbook';
import { watchDepthAssignments } from './assignment-watcher';
import { BookRegistry, PublishedBook } from './book-registry';

function diff(symbol: string, U: number, u: number, bids: [string, string][] = []): DepthDiffEvent {
  return {
    source: 'simulator',
    symbol,
    firstUpdateId: U,
    finalUpdateId: u,
    bids,
    asks: [],
    exchangeTime: 1_000 + u,
    receivedAt: 2_000 + u,
    producedAt: 3_000 + u,
  };
}

const SNAPSHOT: DepthSnapshot = {
  lastUpdateId: 10,
  bids: [
    ['100.00', '1.0'],
    ['99.00', '2.0'],
    ['50.00', '9.0'],
  ],
  asks: [
    ['101.00', '1.5'],
    ['102.00', '2.5'],
  ],
};

function setup(limit?: string) {
  const timers = new ManualScheduler();
  const published: PublishedBook[] = [];
  const fetched: string[] = [];
  const cancelled: string[] = [];
  const registry = new BookRegistry({
    fetchSnapshot: (symbol) => {
      // The first snapshot of a symbol answers at once; a refetch stays pending (a test looks at
      // the book while it resyncs).
      const first = !fetched.includes(symbol);
      fetched.push(symbol);
      return first ? Promise.resolve(SNAPSHOT) : new Promise<DepthSnapshot>(() => undefined);
    },
    cancelSnapshot: (symbol) => cancelled.push(symbol),
    timers,
    clock: () => 5_000 + timers.now,
    depth: 2,
    publishIntervalMs: 100,
    maxDeviationPercent: () => limit,
    publish: (book) => published.push(book),
    onListenerError: (error) => {
      throw error;
    },
  });
  return { timers, published, fetched, cancelled, registry };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(BookRegistry.name, () => {
  it('syncs a symbol on its first diff and publishes the filtered top levels with their checksum', async () => {
    const { published, fetched, registry } = setup('5');
    registry.handleDiff(diff('BTCUSDT', 9, 11, [['99.50', '4.0']]), 3);
    expect(fetched).toEqual(['BTCUSDT']);
    await settle();
    expect(registry.stateOf('BTCUSDT')).toBe('live');
    expect(published).toHaveLength(1);
    const { view, ticker } = published[0];
    const bids: [string, string][] = [
      ['100.00', '1.0'],
      ['99.50', '4.0'],
    ];
    const asks: [string, string][] = [
      ['101.00', '1.5'],
      ['102.00', '2.5'],
    ];
    expect(view).toEqual({
      symbol: 'BTCUSDT',
      lastUpdateId: 11,
      bids,
      asks,
      depth: 2,
      checksum: bookChecksum({
        bids: bids.map(([price, quantity]) => ({ price, quantity })),
        asks: asks.map(([price, quantity]) => ({ price, quantity })),
      }),
      exchangeTime: 1_011,
      producedAt: 5_000,
    });
    // The checksum string a client rebuilds from the published levels:
    expect(view.checksum).toBe(crc32('100:1:101:1.5:99.5:4:102:2.5'));
    expect(ticker).toEqual({
      source: 'simulator',
      symbol: 'BTCUSDT',
      updateId: 11,
      bidPrice: '100.00',
      bidQty: '1.0',
      askPrice: '101.00',
      askQty: '1.5',
      exchangeTime: 1_011,
      receivedAt: 2_011,
      producedAt: 5_000,
    });
  });

  it('conflates bursts to one update per interval carrying the latest book', async () => {
    const { timers, published, registry } = setup();
    registry.handleDiff(diff('BTCUSDT', 11, 11), 0);
    await settle();
    registry.handleDiff(diff('BTCUSDT', 12, 12, [['100.00', '3.0']]), 0);
    registry.handleDiff(diff('BTCUSDT', 13, 13, [['100.00', '4.0']]), 0);
    expect(published.map((book) => book.view.lastUpdateId)).toEqual([11]);
    timers.advanceBy(100);
    expect(published.map((book) => book.view.lastUpdateId)).toEqual([11, 13]);
    expect(published[1].view.bids[0]).toEqual(['100.00', '4.0']);
  });

  it('releases the books of revoked partitions and keeps the rest', async () => {
    const { published, registry, cancelled, timers } = setup();
    registry.handleDiff(diff('BTCUSDT', 11, 11), 1);
    registry.handleDiff(diff('ETHUSDT', 11, 11), 2);
    registry.handleDiff(diff('XRPUSDT', 11, 11), 5);
    await settle();
    registry.handleDiff(diff('ETHUSDT', 12, 12), 2); // pending conflated publish

    expect(registry.assign([1, 5, 7])).toEqual(['ETHUSDT']);
    expect(registry.symbols).toEqual(['BTCUSDT', 'XRPUSDT']);
    expect(cancelled).toEqual(['ETHUSDT']);
    timers.advanceBy(1000);
    expect(published.filter((book) => book.view.symbol === 'ETHUSDT')).toHaveLength(1);
    expect(registry.fullDepth('ETHUSDT', 10)).toEqual({ kind: 'unknown' });
    // A late message of the revoked partition (fetched before the rebalance) is not adopted.
    registry.handleDiff(diff('ETHUSDT', 13, 13), 2);
    expect(registry.symbols).toEqual(['BTCUSDT', 'XRPUSDT']);
    expect(registry.fullDepth('BTCUSDT', 1)).toEqual({
      kind: 'live',
      lastUpdateId: 11,
      top: {
        bids: [{ price: '100.00', quantity: '1.0' }],
        asks: [{ price: '101.00', quantity: '1.5' }],
      },
    });
  });

  it('follows GROUP_JOIN assignments of the depth topic from the kafkajs consumer', async () => {
    const { registry } = setup();
    registry.handleDiff(diff('BTCUSDT', 11, 11), 1);
    registry.handleDiff(diff('ETHUSDT', 11, 11), 2);
    await settle();
    let listener: ((event: unknown) => void) | undefined;
    const consumer = {
      events: { GROUP_JOIN: 'consumer.group_join' },
      on: (name: string, fn: (event: unknown) => void) => {
        expect(name).toBe('consumer.group_join');
        listener = fn;
        return () => undefined;
      },
    };
    watchDepthAssignments(consumer as never, (partitions) => registry.assign(partitions));
    listener!({ payload: { memberAssignment: { 'md.depth.v1': [2, 3], 'other.topic.v1': [1] } } });
    expect(registry.symbols).toEqual(['ETHUSDT']);
    listener!({ payload: { memberAssignment: {} } });
    expect(registry.symbols).toEqual([]);
  });

  it('does not publish a book that lost sync, and reports it not live', async () => {
    const { published, fetched, registry } = setup();
    registry.handleDiff(diff('BTCUSDT', 11, 11), 0);
    await settle();
    registry.handleDiff(diff('BTCUSDT', 15, 15), 0); // gap: 12..14 missing
    expect(registry.stateOf('BTCUSDT')).toBe('buffering');
    expect(registry.fullDepth('BTCUSDT', 5)).toEqual({ kind: 'not-live' });
    expect(published).toHaveLength(1);
    expect(fetched).toEqual(['BTCUSDT', 'BTCUSDT']);
  });
});

function crc32(text: string): number {
  // zlib's CRC-32, computed independently of the library under test.
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'ascii')) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
