import { BookSnapshot, LevelTuple } from '../book/book-types';

/**
 * A `<symbol>@depth@100ms` diff, with Binance's field names so a raw event fits as it is (extra
 * fields such as `e`, `s` or a recorder's `recv_ts` are ignored). Quantities are absolute.
 */
export interface DepthDiffEvent {
  /** Event time, ms since the epoch. */
  readonly E: number;
  /** First update id in the event. */
  readonly U: number;
  /** Final update id in the event. */
  readonly u: number;
  readonly b: readonly LevelTuple[];
  readonly a: readonly LevelTuple[];
}

/** A `GET /api/v3/depth` response. */
export type DepthSnapshot = BookSnapshot;

/** Fetches a depth snapshot for a symbol; rejects on failure (see SnapshotFetchError). */
export type SnapshotFetcher = (symbol: string) => Promise<DepthSnapshot>;

/**
 * What a fetcher may reject with to steer the retry: after an HTTP 429 or 418 Binance says how
 * long to stay away (`Retry-After`), and retrying sooner earns a ban.
 */
export class SnapshotFetchError extends Error {
  constructor(
    message: string,
    /** The least delay before the next attempt, e.g. from a `Retry-After` header. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = SnapshotFetchError.name;
  }
}
