/**
 * An independent order book for tests: plain maps, sorted on demand by exact scaled integers, and
 * zlib's CRC-32 of the documented checksum string. Shares no code with libs/orderbook, so a test
 * comparing the two compares the service with the specification, not with itself.
 */
export class ReferenceBook {
  private readonly bids = new Map<string, [string, string]>();
  private readonly asks = new Map<string, [string, string]>();
  lastUpdateId = 0;

  static from(snapshot: {
    lastUpdateId: number;
    bids: [string, string][];
    asks: [string, string][];
  }): ReferenceBook {
    const book = new ReferenceBook();
    book.apply(snapshot.lastUpdateId, snapshot.bids, snapshot.asks);
    return book;
  }

  apply(u: number, bids: [string, string][], asks: [string, string][]): void {
    for (const [price, qty] of bids) set(this.bids, price, qty);
    for (const [price, qty] of asks) set(this.asks, price, qty);
    this.lastUpdateId = u;
  }

  /** The whole book, as a `GET /api/v3/depth` answer. */
  snapshot(): { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] } {
    return { lastUpdateId: this.lastUpdateId, ...this.top(Number.MAX_SAFE_INTEGER) };
  }

  top(depth: number): { bids: [string, string][]; asks: [string, string][] } {
    return {
      bids: sorted(this.bids, -1).slice(0, depth),
      asks: sorted(this.asks, 1).slice(0, depth),
    };
  }
}

/** Keyed by the canonical price; holds the latest spelling, as the exchange sent it. */
function set(side: Map<string, [string, string]>, price: string, qty: string): void {
  const key = canonical(price);
  if (/^[0.]+$/.test(qty)) side.delete(key);
  else side.set(key, [price, qty]);
}

function sorted(side: Map<string, [string, string]>, direction: 1 | -1): [string, string][] {
  return [...side.values()].sort(([a], [b]) => direction * compareDecimals(a, b));
}

function compareDecimals(a: string, b: string): number {
  const decimals = Math.max(fraction(a).length, fraction(b).length);
  const diff = scaled(a, decimals) - scaled(b, decimals);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

const fraction = (value: string) => value.split('.')[1] ?? '';
const scaled = (value: string, decimals: number) =>
  BigInt(value.split('.')[0] + fraction(value).padEnd(decimals, '0'));

/** The checksum's canonical decimal: no leading zeros but one, no trailing fraction zeros. */
export function canonical(value: string): string {
  const [integer, frac = ''] = value.split('.');
  const int = integer.replace(/^0+(?=\d)/, '');
  const trimmed = frac.replace(/0+$/, '');
  return trimmed === '' ? int : `${int}.${trimmed}`;
}

export function referenceChecksum(top: {
  bids: [string, string][];
  asks: [string, string][];
}): number {
  const parts: string[] = [];
  for (let i = 0; i < Math.max(top.bids.length, top.asks.length); i++) {
    if (top.bids[i]) parts.push(canonical(top.bids[i][0]), canonical(top.bids[i][1]));
    if (top.asks[i]) parts.push(canonical(top.asks[i][0]), canonical(top.asks[i][1]));
  }
  return crc32(parts.join(':'));
}

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'ascii')) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
