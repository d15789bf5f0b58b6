import { BookTop, PriceLevel } from '../book/book-types';
import { canonicalDecimal, canonicalEnd, canonicalStart, isZeroDecimal } from '@app/decimal';
import { CRC32_INITIAL, crc32Finish, crc32UpdateAscii } from './crc32';

/** Levels per side the published checksum covers unless a caller says otherwise. */
export const DEFAULT_CHECKSUM_DEPTH = 25;

/**
 * The string the checksum hashes (see libs/orderbook/README.md): for rank i = 0, 1, ... the bid
 * at rank i as `price:quantity` if there is one, then the ask at rank i likewise, all joined by
 * ':', every decimal in canonical form. Handy for debugging a mismatch; the checksum itself
 * hashes the same characters without building this string.
 */
export function checksumInput(top: BookTop): string {
  const parts: string[] = [];
  const ranks = Math.max(top.bids.length, top.asks.length);
  for (let rank = 0; rank < ranks; rank++) {
    for (const level of [top.bids[rank], top.asks[rank]]) {
      if (level) parts.push(canonicalDecimal(level.price), canonicalDecimal(level.quantity));
    }
  }
  return parts.join(':');
}

/** CRC-32 (IEEE, as zlib) of checksumInput(top), as an unsigned 32-bit integer. */
export function bookChecksum(top: BookTop): number {
  const hasher = new CanonicalDecimalHasher();
  const ranks = Math.max(top.bids.length, top.asks.length);
  for (let rank = 0; rank < ranks; rank++) {
    hasher.addLevel(top.bids[rank]);
    hasher.addLevel(top.asks[rank]);
  }
  return hasher.finish();
}

class CanonicalDecimalHasher {
  private state = CRC32_INITIAL;
  private empty = true;

  addLevel(level: PriceLevel | undefined): void {
    if (!level) return;
    this.addDecimal(level.price);
    this.addDecimal(level.quantity);
  }

  finish(): number {
    return crc32Finish(this.state);
  }

  private addDecimal(value: string): void {
    if (!this.empty) this.state = crc32UpdateAscii(this.state, ':');
    this.empty = false;
    isZeroDecimal(value); // for its validation: a malformed string has no canonical form to hash
    this.state = crc32UpdateAscii(this.state, value, canonicalStart(value), canonicalEnd(value));
  }
}
