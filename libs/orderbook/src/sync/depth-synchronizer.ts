import { exponentialDelay } from '@app/backoff';
import { ReadonlyOrderBook } from '../book/book-types';
import { OrderBook } from '../book/order-book';
import { DepthDiffEvent, DepthSnapshot, SnapshotFetchError, SnapshotFetcher } from './depth-events';
import { Listeners, Unsubscribe } from './listeners';
import { CancelScheduled, Scheduler } from './scheduler';
import {
  BookUpdatedEvent,
  DepthSynchronizerOptions,
  RESYNC_CAUSES,
  ResyncCause,
  ResyncEvent,
  StateChangedEvent,
  SyncCounters,
  SyncState,
} from './sync-types';

const DEFAULT_MAX_BUFFERED_EVENTS = 1000;
const DEFAULT_RETRY_DELAY_MS = 1000;
const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;

/**
 * Keeps one symbol's local book in step with Binance's diff stream, following the exchange's
 * documented procedure: buffer diffs, fetch a snapshot, skip diffs it already contains, apply the
 * first diff that bridges it and then only diffs that continue without a gap; resync on a gap.
 *
 * One rule covers both the first diff and later ones, as in Binance's own update procedure: a diff
 * with `u <= id` is ignored; one with `U > id + 1` leaves a hole (after a fresh snapshot: the
 * snapshot is too old; later: a gap); anything else is applied. So a redelivered diff that
 * overlaps the book (`U <= id < u`) is applied, which is safe because quantities are absolute.
 * For the same reason a snapshot with `lastUpdateId == U - 1` of the first buffered diff is used,
 * although Binance's step 4 would fetch again: that diff bridges it exactly.
 *
 * Pure: no I/O but the injected fetcher, no clock but the injected scheduler.
 */
export class DepthSynchronizer {
  readonly symbol: string;
  private readonly book = new OrderBook();
  private currentState: SyncState = 'buffering';
  private buffer: DepthDiffEvent[] = [];
  private fetchInFlight = false;
  private cancelRetry: CancelScheduled | undefined;
  private consecutiveFetchFailures = 0;
  private readonly resyncCounts = Object.fromEntries(
    RESYNC_CAUSES.map((cause) => [cause, 0]),
  ) as Record<ResyncCause, number>;
  private snapshotsLoaded = 0;
  private eventsApplied = 0;
  private eventsIgnored = 0;

  private readonly fetchSnapshot: SnapshotFetcher;
  private readonly scheduler: Scheduler;
  private readonly maxBufferedEvents: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly updated: Listeners<BookUpdatedEvent>;
  private readonly resynced: Listeners<ResyncEvent>;
  private readonly stateChanged: Listeners<StateChangedEvent>;

  constructor(options: DepthSynchronizerOptions) {
    this.symbol = options.symbol;
    this.fetchSnapshot = options.fetchSnapshot;
    this.scheduler = options.scheduler;
    this.maxBufferedEvents = positiveInteger(
      'maxBufferedEvents',
      options.maxBufferedEvents ?? DEFAULT_MAX_BUFFERED_EVENTS,
    );
    this.retryDelayMs = nonNegative('retryDelayMs', options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
    this.maxRetryDelayMs = nonNegative(
      'maxRetryDelayMs',
      options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS,
    );
    const onListenerError = options.onListenerError ?? rethrowLater;
    this.updated = new Listeners(onListenerError);
    this.resynced = new Listeners(onListenerError);
    this.stateChanged = new Listeners(onListenerError);
  }

  get state(): SyncState {
    return this.currentState;
  }

  /** The local book; it is current only while `state` is 'live'. */
  get orderBook(): ReadonlyOrderBook {
    return this.book;
  }

  get bufferedEventCount(): number {
    return this.buffer.length;
  }

  get counters(): SyncCounters {
    return {
      resyncs: { ...this.resyncCounts },
      snapshotsLoaded: this.snapshotsLoaded,
      eventsApplied: this.eventsApplied,
      eventsIgnored: this.eventsIgnored,
    };
  }

  /** Called after every applied diff, including the buffered ones replayed on a new snapshot. */
  onBookUpdated(listener: (event: BookUpdatedEvent) => void): Unsubscribe {
    return this.updated.add(listener);
  }

  onResync(listener: (event: ResyncEvent) => void): Unsubscribe {
    return this.resynced.add(listener);
  }

  onStateChanged(listener: (event: StateChangedEvent) => void): Unsubscribe {
    return this.stateChanged.add(listener);
  }

  /** Feeds the next diff from the stream, in the order received. */
  handleEvent(event: DepthDiffEvent): void {
    switch (this.currentState) {
      case 'stopped':
        return;
      case 'buffering':
        this.bufferEvent(event);
        return;
      case 'syncing':
      case 'live':
        this.applyEvent(event);
        return;
    }
  }

  /** Cancels a pending retry and ignores everything from now on, including an in-flight fetch. */
  stop(): void {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.buffer = [];
    this.book.clear();
    this.setState('stopped');
  }

  private bufferEvent(event: DepthDiffEvent): void {
    if (this.buffer.length >= this.maxBufferedEvents) {
      // Dropping diffs is a gap. The new buffer starts at this event; a snapshot already in flight
      // is still checked against it, and refetched if it cannot bridge.
      const dropped = this.buffer.length;
      this.buffer = [];
      this.recordResync(
        'buffer-overflow',
        `${dropped} diffs buffered awaiting a snapshot (limit ${this.maxBufferedEvents})`,
      );
    }
    this.buffer.push(event);
    this.requestSnapshot();
  }

  private applyEvent(event: DepthDiffEvent): void {
    const bookId = this.book.lastUpdateId;
    if (event.u <= bookId) {
      this.eventsIgnored++;
      return;
    }
    const firstAfterSnapshot = this.currentState === 'syncing';
    if (event.U > bookId + 1) {
      const cause = firstAfterSnapshot ? 'snapshot-too-old' : 'gap';
      this.resync(cause, `diff U=${event.U} u=${event.u} does not continue book id ${bookId}`);
      this.bufferEvent(event); // the first diff of the next attempt
      return;
    }
    try {
      this.book.applyUpdate(event.u, event.b, event.a);
    } catch (error) {
      this.resync('invalid-event', `diff U=${event.U} u=${event.u}: ${errorMessage(error)}`);
      return;
    }
    this.eventsApplied++;
    this.setState('live');
    this.updated.emit({
      symbol: this.symbol,
      book: this.book,
      firstUpdateId: event.U,
      lastUpdateId: event.u,
      eventTime: event.E,
      firstAfterSnapshot,
    });
  }

  private requestSnapshot(): void {
    if (this.fetchInFlight || this.cancelRetry) return;
    this.fetchInFlight = true;
    let pending: Promise<DepthSnapshot>;
    try {
      pending = this.fetchSnapshot(this.symbol);
    } catch (error) {
      this.onFetchFailed(error); // a fetcher that throws is treated like one that rejects
      return;
    }
    void pending.then(
      (snapshot) => this.onSnapshot(snapshot),
      (error: unknown) => this.onFetchFailed(error),
    );
  }

  private onSnapshot(snapshot: DepthSnapshot): void {
    this.fetchInFlight = false;
    if (this.currentState === 'stopped') return;
    try {
      this.book.loadSnapshot(snapshot);
    } catch (error) {
      this.book.clear();
      this.onFetchFailed(new Error(`malformed snapshot: ${errorMessage(error)}`));
      return;
    }
    this.consecutiveFetchFailures = 0;
    this.snapshotsLoaded++;
    this.setState('syncing');
    // Through handleEvent, not applyEvent: if a buffered diff forces a resync, the rest are
    // buffered again for the next snapshot.
    const buffered = this.buffer;
    this.buffer = [];
    for (const event of buffered) this.handleEvent(event);
  }

  private onFetchFailed(error: unknown): void {
    this.fetchInFlight = false;
    if (this.currentState === 'stopped') return;
    this.consecutiveFetchFailures++;
    const delayMs = this.retryDelayAfter(error);
    this.recordResync('fetch-failed', `${errorMessage(error)}; retrying in ${delayMs} ms`);
    this.cancelRetry = this.scheduler.schedule(delayMs, () => {
      this.cancelRetry = undefined;
      if (this.currentState === 'buffering') this.requestSnapshot();
    });
  }

  private retryDelayAfter(error: unknown): number {
    const attempt = this.consecutiveFetchFailures - 1;
    const backoff = exponentialDelay(attempt, this.retryDelayMs, this.maxRetryDelayMs);
    const demanded = error instanceof SnapshotFetchError ? (error.retryAfterMs ?? 0) : 0;
    return Math.max(backoff, demanded);
  }

  private resync(cause: ResyncCause, detail: string): void {
    this.book.clear();
    this.setState('buffering');
    this.recordResync(cause, detail);
  }

  private recordResync(cause: ResyncCause, detail: string): void {
    this.resyncCounts[cause]++;
    this.resynced.emit({ symbol: this.symbol, cause, detail });
  }

  private setState(next: SyncState): void {
    const previous = this.currentState;
    if (previous === next) return;
    this.currentState = next;
    this.stateChanged.emit({ symbol: this.symbol, previous, current: next });
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  return value;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
