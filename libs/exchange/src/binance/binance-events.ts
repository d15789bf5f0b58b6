/** `<symbol>@bookTicker` payload as Binance spot sends it (no event time on spot). */
export interface RawBookTicker {
  /** Order book update id. */
  u: number;
  s: string;
  b: string;
  B: string;
  a: string;
  A: string;
  /** Event time: absent on Binance spot, present on the simulator and USD-M futures. */
  E?: number;
}

/** The combined-stream envelope of `/stream?streams=...`. */
export interface CombinedStreamMessage<T = unknown> {
  stream: string;
  data: T;
}

export function isRawBookTicker(value: unknown): value is RawBookTicker {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.u === 'number' &&
    typeof v.s === 'string' &&
    typeof v.b === 'string' &&
    typeof v.B === 'string' &&
    typeof v.a === 'string' &&
    typeof v.A === 'string'
  );
}
