import { StreamKind } from './market-feed';

const SUFFIXES: Record<string, StreamKind> = {
  'depth@100ms': 'depth@100ms',
  depth: 'depth@1000ms',
  'depth@1000ms': 'depth@1000ms',
  bookticker: 'bookTicker',
  trade: 'trade',
  aggtrade: 'aggTrade',
  ticker: 'ticker',
};

export interface ParsedStream {
  /** As the client spelled it; the combined envelope echoes this. */
  name: string;
  /** Matching key: lower-case symbol and kind. */
  key: string;
}

/** `btcusdt@depth@100ms` → its key, or null when it is not a stream name at all. */
export function parseStreamName(name: string): ParsedStream | null {
  const match = /^([A-Za-z0-9]{2,20})@([A-Za-z0-9@]+)$/.exec(name);
  if (!match) return null;
  const kind = SUFFIXES[match[2].toLowerCase()];
  return kind ? { name, key: streamKey(match[1], kind) } : null;
}

export function streamKey(symbol: string, kind: StreamKind): string {
  return `${symbol.toLowerCase()}@${kind}`;
}
