import { ReadonlyOrderBook } from '../book/book-types';
import { SnapshotFetcher } from './depth-events';
import { Scheduler } from './scheduler';

/**
 * - `buffering`: no usable book; diffs are buffered while a snapshot is fetched (or a failed fetch
 *   waits for its retry). The first diff starts the fetch.
 * - `syncing`: a snapshot is loaded; waiting for the first diff that bridges it (`U <= id + 1 <= u`).
 * - `live`: the book is current; each diff continues the last (`U == previous u + 1`).
 * - `stopped`: after stop(); everything is ignored.
 */
export type SyncState = 'buffering' | 'syncing' | 'live' | 'stopped';

/** Why the synchronizer had to fetch a snapshot again. */
export type ResyncCause =
  /** A live diff's `U` was above the book's id + 1: updates were missed. */
  | 'gap'
  /** The first diff after the snapshot's id has `U > lastUpdateId + 1`: the snapshot predates what the stream can bridge. */
  | 'snapshot-too-old'
  /** More diffs arrived while waiting for a snapshot than the buffer holds; they were dropped, which is a gap. */
  | 'buffer-overflow'
  /** The snapshot fetch rejected or returned a malformed book; it is retried after a delay. */
  | 'fetch-failed'
  /** A diff held a malformed price or quantity; the half-applied book was discarded. */
  | 'invalid-event';

export const RESYNC_CAUSES: readonly ResyncCause[] = [
  'gap',
  'snapshot-too-old',
  'buffer-overflow',
  'fetch-failed',
  'invalid-event',
];

export interface DepthSynchronizerOptions {
  readonly symbol: string;
  readonly fetchSnapshot: SnapshotFetcher;
  readonly scheduler: Scheduler;
  /** Diffs held while waiting for a snapshot; one more is an overflow. Default 1000 (100 s of @100ms). */
  readonly maxBufferedEvents?: number;
  /** Delay before the first retry of a failed fetch, doubled per consecutive failure. Default 1000 ms. */
  readonly retryDelayMs?: number;
  /** Cap of the doubling retry delay (a SnapshotFetchError's retryAfterMs may exceed it). Default 30 s. */
  readonly maxRetryDelayMs?: number;
  /** Where a listener's exception goes. Default: rethrown in a microtask, so it surfaces as uncaught. */
  readonly onListenerError?: (error: unknown) => void;
}

export interface BookUpdatedEvent {
  readonly symbol: string;
  /** The live book, valid to read until the next diff is handled. */
  readonly book: ReadonlyOrderBook;
  /** The applied diff's `U`, `u` and `E`. */
  readonly firstUpdateId: number;
  readonly lastUpdateId: number;
  readonly eventTime: number;
  /** True for the first diff applied on a new snapshot: downstream should send a full book, not a delta. */
  readonly firstAfterSnapshot: boolean;
}

export interface ResyncEvent {
  readonly symbol: string;
  readonly cause: ResyncCause;
  /** Human-readable specifics for the log, e.g. the ids that did not line up. */
  readonly detail: string;
}

export interface StateChangedEvent {
  readonly symbol: string;
  readonly previous: SyncState;
  readonly current: SyncState;
}

export interface SyncCounters {
  readonly resyncs: Readonly<Record<ResyncCause, number>>;
  readonly snapshotsLoaded: number;
  readonly eventsApplied: number;
  /** Diffs with `u` at or below the book's id: from before the snapshot, or redelivered. */
  readonly eventsIgnored: number;
}
