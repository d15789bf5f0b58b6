import { rescale, toScaled } from '@app/decimal';
import { BookTop, PriceLevel, ReadonlyOrderBook } from '@app/orderbook';

/**
 * Decides whether a price lies within `maxPercent` of `mid`: |price − mid| × 100 ≤ mid × maxPercent,
 * with all three as scaled integers at a common scale D (P, M, X), i.e. |P − M| × 100 × 10^D ≤ M × X.
 */
export class DeviationBand {
  private readonly mid: bigint;
  private readonly bound: bigint;
  private readonly decimals: number;

  constructor(mid: string, maxPercent: string) {
    const midScaled = toScaled(mid);
    const percent = toScaled(maxPercent);
    this.decimals = Math.max(midScaled.decimals, percent.decimals);
    this.mid = rescale(midScaled, this.decimals);
    this.bound = this.mid * rescale(percent, this.decimals);
  }

  /** Negative: below the band; 0: inside (bounds included); positive: above the band. */
  position(price: string): -1 | 0 | 1 {
    const priceScaled = toScaled(price);
    const decimals = Math.max(this.decimals, priceScaled.decimals);
    const shift = 10n ** BigInt(decimals - this.decimals);
    const distance = rescale(priceScaled, decimals) - this.mid * shift;
    const magnitude = (distance < 0n ? -distance : distance) * 100n * 10n ** BigInt(this.decimals);
    // bound is at scale 2·this.decimals; distance·100·10^this.decimals at decimals + this.decimals.
    if (magnitude <= this.bound * shift) return 0;
    return distance < 0n ? -1 : 1;
  }
}

/**
 * The published view of a book: at most `depth` levels per side, best first, leaving out levels
 * farther than `maxPercent` from the mid. Reads the book and never alters it. Bids run downwards
 * and asks upwards from the touch, so the first level beyond the band on the far side ends the side;
 * a level beyond it on the near side (only in a crossed book) is skipped.
 */
export function publishedView(
  book: ReadonlyOrderBook,
  depth: number,
  maxPercent: string | undefined,
): BookTop {
  const mid = maxPercent === undefined ? undefined : book.mid();
  if (maxPercent === undefined || mid === undefined) return book.top(depth);
  const band = new DeviationBand(mid, maxPercent);
  return {
    bids: within(book.bids(), band, depth, -1),
    asks: within(book.asks(), band, depth, 1),
  };
}

function within(
  levels: Iterable<PriceLevel>,
  band: DeviationBand,
  depth: number,
  farSide: -1 | 1,
): PriceLevel[] {
  const kept: PriceLevel[] = [];
  for (const level of levels) {
    if (kept.length >= depth) break;
    const position = band.position(level.price);
    if (position === 0) kept.push({ price: level.price, quantity: level.quantity });
    else if (position === farSide) break;
  }
  return kept;
}
