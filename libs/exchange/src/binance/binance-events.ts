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

/** `<symbol>@depth@100ms` payload. */
export interface RawDepthUpdate {
  e: 'depthUpdate';
  E: number;
  s: string;
  U: number;
  u: number;
  b: [string, string][];
  a: [string, string][];
}

/** `<symbol>@trade` payload. */
export interface RawTrade {
  e: 'trade';
  E: number;
  s: string;
  t: number;
  p: string;
  q: string;
  T: number;
  m: boolean;
}

/** `<symbol>@aggTrade` payload (the recordings carry no `e`, `E` or `s`). */
export interface RawAggTrade {
  e?: 'aggTrade';
  E?: number;
  s?: string;
  a: number;
  p: string;
  q: string;
  f: number;
  l: number;
  T: number;
  m: boolean;
}

/** `<symbol>@ticker` payload (rolling 24 h statistics). */
export interface RawTicker24h {
  e: '24hrTicker';
  E: number;
  s: string;
  p: string;
  P: string;
  w: string;
  c: string;
  Q: string;
  o: string;
  h: string;
  l: string;
  v: string;
  q: string;
  O: number;
  C: number;
  n: number;
}

function hasFields(
  value: unknown,
  fields: Record<string, 'number' | 'string' | 'object' | 'boolean'>,
) {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Object.entries(fields).every(([name, type]) => typeof v[name] === type);
}

export function isRawDepthUpdate(value: unknown): value is RawDepthUpdate {
  return hasFields(value, {
    E: 'number',
    s: 'string',
    U: 'number',
    u: 'number',
    b: 'object',
    a: 'object',
  });
}

export function isRawTrade(value: unknown): value is RawTrade {
  return hasFields(value, {
    E: 'number',
    s: 'string',
    t: 'number',
    p: 'string',
    q: 'string',
    T: 'number',
    m: 'boolean',
  });
}

export function isRawAggTrade(value: unknown): value is RawAggTrade {
  return hasFields(value, { a: 'number', p: 'string', q: 'string', T: 'number', m: 'boolean' });
}

export function isRawTicker24h(value: unknown): value is RawTicker24h {
  return hasFields(value, {
    E: 'number',
    s: 'string',
    p: 'string',
    P: 'string',
    w: 'string',
    c: 'string',
    Q: 'string',
    o: 'string',
    h: 'string',
    l: 'string',
    v: 'string',
    q: 'string',
    O: 'number',
    C: 'number',
    n: 'number',
  });
}
