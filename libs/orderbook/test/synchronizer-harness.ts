import {
  BookUpdatedEvent,
  DepthDiffEvent,
  DepthSnapshot,
  DepthSynchronizer,
  DepthSynchronizerOptions,
  LevelTuple,
  ManualScheduler,
  ResyncEvent,
  StateChangedEvent,
} from '../src';

// Shared by the DepthSynchronizer unit tests: a scripted fetcher, a manual clock, and recorders
// of what the synchronizer reported.

/** A snapshot fetcher whose answers the test gives, one pending request at a time. */
export class ScriptedSnapshots {
  private readonly pending: {
    resolve: (snapshot: DepthSnapshot) => void;
    reject: (error: unknown) => void;
  }[] = [];
  requestCount = 0;

  readonly fetch = (symbol: string): Promise<DepthSnapshot> => {
    expect(symbol).toBe('BTCUSDT');
    this.requestCount++;
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  };

  async respond(snapshot: DepthSnapshot): Promise<void> {
    this.next().resolve(snapshot);
    await settle();
  }

  async fail(error: unknown): Promise<void> {
    this.next().reject(error);
    await settle();
  }

  private next(): { resolve: (snapshot: DepthSnapshot) => void; reject: (error: unknown) => void } {
    const request = this.pending.shift();
    if (!request) throw new Error('no snapshot request is pending');
    return request;
  }
}

/** Lets the synchronizer's promise callbacks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function diff(
  U: number,
  u: number,
  b: LevelTuple[] = [],
  a: LevelTuple[] = [],
): DepthDiffEvent {
  return { E: 1_700_000_000_000 + u, U, u, b, a };
}

export function snapshot(lastUpdateId: number): DepthSnapshot {
  return { lastUpdateId, bids: [['100.00', '1.0']], asks: [['101.00', '1.0']] };
}

export function setUpSynchronizer(options: Partial<DepthSynchronizerOptions> = {}) {
  const snapshots = new ScriptedSnapshots();
  const scheduler = new ManualScheduler();
  const sync = new DepthSynchronizer({
    symbol: 'BTCUSDT',
    fetchSnapshot: snapshots.fetch,
    scheduler,
    ...options,
  });
  const updates: Pick<BookUpdatedEvent, 'firstUpdateId' | 'lastUpdateId' | 'firstAfterSnapshot'>[] =
    [];
  const resyncs: ResyncEvent[] = [];
  const states: StateChangedEvent['current'][] = [];
  sync.onBookUpdated(({ firstUpdateId, lastUpdateId, firstAfterSnapshot }) =>
    updates.push({ firstUpdateId, lastUpdateId, firstAfterSnapshot }),
  );
  sync.onResync((event) => resyncs.push(event));
  sync.onStateChanged((event) => states.push(event.current));
  return { sync, snapshots, scheduler, updates, resyncs, states };
}
