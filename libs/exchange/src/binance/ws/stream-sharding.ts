/** Binance refuses more than 1024 streams on one connection. */
export const MAX_STREAMS_PER_CONNECTION = 1024;

/**
 * Splits streams over connections of at most `perConnection` each, keeping a symbol's streams
 * together where it fits (the input order is kept, so `btcusdt@depth` and `btcusdt@trade` that are
 * listed together land together) and de-duplicating names. Symbols are lower-case in stream names;
 * the stream type keeps its case (`bookTicker`, `aggTrade`).
 */
export function shardStreams(streams: readonly string[], perConnection: number): string[][] {
  if (!Number.isInteger(perConnection) || perConnection < 1) {
    throw new RangeError(
      `streams per connection must be a positive integer (got ${perConnection})`,
    );
  }
  const limit = Math.min(perConnection, MAX_STREAMS_PER_CONNECTION);
  const unique = [...new Set(streams.map(normalizeStreamName))];
  const shards: string[][] = [];
  for (let i = 0; i < unique.length; i += limit) shards.push(unique.slice(i, i + limit));
  return shards;
}

/** `BTCUSDT@aggTrade` → `btcusdt@aggTrade`. */
export function normalizeStreamName(stream: string): string {
  const at = stream.indexOf('@');
  return at < 0 ? stream.toLowerCase() : stream.slice(0, at).toLowerCase() + stream.slice(at);
}
