import { SnapshotSource } from './snapshots/snapshot-source';

export const ORDERBOOK_OPTIONS = Symbol('ORDERBOOK_OPTIONS');

export interface OrderbookOptions {
  readonly snapshotSource: SnapshotSource;
  /** Levels per side of each snapshot request (`limit`): of priority symbols, of the others. */
  readonly snapshotLimits: { readonly priority: number; readonly others: number };
  readonly weightPerMinute: number;
  /** Snapshots of these symbols go first (the base list; file or URL below replace it). */
  readonly prioritySymbols: readonly string[];
  readonly priority: {
    readonly filePath?: string;
    readonly url?: string;
    readonly refreshMs: number;
  };
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
