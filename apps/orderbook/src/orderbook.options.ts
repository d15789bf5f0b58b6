import { SnapshotSource } from './snapshots/snapshot-source';

export const ORDERBOOK_OPTIONS = Symbol('ORDERBOOK_OPTIONS');

export interface OrderbookOptions {
  readonly snapshotSource: SnapshotSource;
  /** Levels per side of each snapshot request (`limit`). */
  readonly snapshotLimit: number;
  readonly weightPerMinute: number;
  readonly prioritySymbols: readonly string[];
  /** Levels per side published. */
  readonly depth: number;
  readonly publishIntervalMs: number;
  readonly deviation: {
    readonly envJson?: string;
    readonly filePath?: string;
    readonly url?: string;
    readonly refreshMs: number;
  };
}
