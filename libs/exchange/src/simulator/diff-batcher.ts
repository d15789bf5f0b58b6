import { LevelChange, MarketStep } from './market-types';

export interface DiffBatch {
  /** First update id in the batch. */
  U: number;
  /** Last update id in the batch. */
  u: number;
  bids: [ticks: number, lots: number][];
  asks: [ticks: number, lots: number][];
}

/**
 * Collects a symbol's book changes between two depth pushes (100 ms or 1 s), as Binance batches
 * `<s>@depth@100ms`: one event with `U` = first update id, `u` = last, and each changed level's
 * final size. Consecutive batches are contiguous (`U` = previous `u` + 1).
 */
export class DiffBatcher {
  private firstId: number | null = null;
  private lastId = 0;
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();

  add(step: MarketStep): void {
    if (step.changes.length === 0) return;
    this.firstId ??= step.updateId;
    this.lastId = step.updateId;
    for (const change of step.changes) this.sideOf(change).set(change.ticks, change.lots);
  }

  /** The batch since the last drain, or null when the book did not change. */
  drain(): DiffBatch | null {
    if (this.firstId === null) return null;
    const batch: DiffBatch = {
      U: this.firstId,
      u: this.lastId,
      bids: [...this.bids].sort((x, y) => y[0] - x[0]),
      asks: [...this.asks].sort((x, y) => x[0] - y[0]),
    };
    this.firstId = null;
    this.bids.clear();
    this.asks.clear();
    return batch;
  }

  private sideOf(change: LevelChange): Map<number, number> {
    return change.side === 'bid' ? this.bids : this.asks;
  }
}
