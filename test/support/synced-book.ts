import { compareDecimals } from '@app/decimal';

/** `[price, qty]` as decimal strings. */
export type Level = readonly string[];
export interface BookSides {
  bids: readonly Level[];
  asks: readonly Level[];
}

export interface SideAgainstTruth {
  /** The held levels from the touch to the snapshot's worst price. */
  held: Level[];
  /** The true levels over the same prices, as many as the held side can show (`depth`). */
  truth: Level[];
  /** The held levels beyond that price: a diff put each there. */
  heldBeyond: Level[];
  /** The true levels at the prices of `heldBeyond`. */
  truthAtHeldBeyond: Level[];
}

/**
 * What a book synced from a snapshot + diffs must hold exactly. Between the touch and the
 * snapshot's worst price it knows every level (the snapshot had them all, every diff since changed
 * them), so it equals the true book there. Beyond that price it knows only the levels some diff
 * touched, each at its true size, and nothing of the others: at the far end its top N levels may
 * differ from the true top N, as a Binance client's book does.
 */
export function sideAgainstTruth(
  side: keyof BookSides,
  held: BookSides,
  truth: BookSides,
  snapshot: BookSides,
  depth: number,
): SideAgainstTruth {
  const edge = snapshot[side][snapshot[side].length - 1][0];
  const within = ([price]: Level) =>
    side === 'bids' ? compareDecimals(price, edge) >= 0 : compareDecimals(price, edge) <= 0;
  const heldBeyond = held[side].filter((level) => !within(level));
  const beyondPrices = new Set(heldBeyond.map(([price]) => price));
  return {
    held: held[side].filter(within),
    truth: truth[side].filter(within).slice(0, depth),
    heldBeyond,
    truthAtHeldBeyond: truth[side].filter(([price]) => beyondPrices.has(price)),
  };
}
