/**
 * The exchange's own monotonic id of an event on a stream, used to drop duplicates across a
 * reconnect or a connection rollover: depth `u`, trade `t`, aggTrade `a`, bookTicker `u`, ticker `E`.
 * null for streams without such an id (they are never deduplicated).
 */
export function exchangeIdOf(stream: string, data: unknown): number | null {
  if (typeof data !== 'object' || data === null) return null;
  const fields = data as Record<string, unknown>;
  const kind = streamKind(stream);
  const id =
    kind === 'depth' || kind === 'bookTicker'
      ? fields.u
      : kind === 'trade'
        ? fields.t
        : kind === 'aggTrade'
          ? fields.a
          : kind === 'ticker'
            ? fields.E
            : undefined;
  return typeof id === 'number' ? id : null;
}

export type BinanceStreamKind = 'depth' | 'bookTicker' | 'trade' | 'aggTrade' | 'ticker' | 'other';

/**
 * Stream names are a small, fixed set (the subscribed ones), while every event carries one: derive
 * a name's properties once rather than splitting and lower-casing it per message.
 */
function perStreamName<T>(derive: (stream: string) => T): (stream: string) => T {
  const cache = new Map<string, T>();
  return (stream) => {
    let value = cache.get(stream);
    if (value === undefined) {
      value = derive(stream);
      if (cache.size >= 16_384) cache.clear(); // names we never subscribed: stay bounded
      cache.set(stream, value);
    }
    return value;
  };
}

/** `btcusdt@depth@100ms` → depth; `btcusdt@bookTicker` → bookTicker; ... */
export const streamKind: (stream: string) => BinanceStreamKind = perStreamName(kindOfStream);

/** The dedupe key of a stream: its name in lower case (`BTCUSDT@bookTicker` = `btcusdt@bookticker`). */
const dedupeKey = perStreamName((stream) => stream.toLowerCase());

function kindOfStream(stream: string): BinanceStreamKind {
  const kind = stream.split('@')[1]?.toLowerCase();
  switch (kind) {
    case 'depth':
      return 'depth';
    case 'bookticker':
      return 'bookTicker';
    case 'trade':
      return 'trade';
    case 'aggtrade':
      return 'aggTrade';
    case 'ticker':
      return 'ticker';
    default:
      return 'other';
  }
}

/** Per stream, the highest exchange id passed on; anything at or below it is a duplicate. */
export class StreamDedupe {
  private readonly last = new Map<string, number>();
  duplicates = 0;

  /** True when the event is new and should be passed on (and remembers its id). */
  accept(stream: string, id: number | null): boolean {
    if (id === null) return true;
    const key = dedupeKey(stream);
    const last = this.last.get(key);
    if (last !== undefined && id <= last) {
      this.duplicates++;
      return false;
    }
    this.last.set(key, id);
    return true;
  }

  lastId(stream: string): number | undefined {
    return this.last.get(dedupeKey(stream));
  }
}
