import { SwapEvent, TradeEvent } from '@app/contracts';

/**
 * The statistics computed again, independently of the aggregator's code: plain BigInt at a fixed
 * scale of 10^-36 for amounts (10^-18 for prices), straight from the events in the order they were
 * produced. The figures come out as canonical decimal strings, as the aggregator stores them.
 */
const S = 36n;
const P = 18n;
const TEN = 10n;

export interface Figures {
  tradeCount: number;
  baseVolume: string;
  quoteVolume: string;
  vwap: string;
  open: string;
  high: string;
  low: string;
  close: string;
  avgPrice: string;
  buyVolume: string;
  sellVolume: string;
}

interface Fill {
  id: string;
  pair: string;
  time: number;
  ordinal: bigint;
  price: bigint; // scale P
  base: bigint; // scale S
  quote: bigint; // scale S
  buy: boolean;
}

function fixed(text: string, scale: bigint): bigint {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const value = BigInt(whole + fraction.padEnd(Number(scale), '0').slice(0, Number(scale)));
  return negative ? -value : value;
}

export function show(value: bigint, scale: bigint): string {
  const digits = value.toString().padStart(Number(scale) + 1, '0');
  const whole = digits.slice(0, digits.length - Number(scale));
  const fraction = digits.slice(digits.length - Number(scale)).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const QUOTES = ['USDC', 'USDT', 'DAI', 'WETH', 'WBTC', 'ETH'];
const rank = (s: string): number => (QUOTES.includes(s) ? QUOTES.indexOf(s) : 99);

function swapFill(s: SwapEvent): Fill | null {
  const quoteIs0 = rank(s.token0Symbol) < rank(s.token1Symbol);
  const [b, q] = quoteIs0
    ? [BigInt(s.amount1), BigInt(s.amount0)]
    : [BigInt(s.amount0), BigInt(s.amount1)];
  const [bd, qd] = quoteIs0
    ? [s.token1Decimals, s.token0Decimals]
    : [s.token0Decimals, s.token1Decimals];
  if (b === 0n || q === 0n) return null;
  const baseSym = quoteIs0 ? s.token1Symbol : s.token0Symbol;
  const quoteSym = quoteIs0 ? s.token0Symbol : s.token1Symbol;
  return {
    id: `swap:${s.chainId}:${s.txHash.toLowerCase()}:${s.logIndex}`,
    pair: `${baseSym}/${quoteSym}`.toUpperCase(),
    time: s.blockTime,
    ordinal: BigInt(s.blockNumber) * 100000n + BigInt(s.logIndex),
    price: (abs(q) * TEN ** (BigInt(bd) + P)) / (abs(b) * TEN ** BigInt(qd)),
    base: abs(b) * TEN ** (S - BigInt(bd)),
    quote: abs(q) * TEN ** (S - BigInt(qd)),
    buy: b < 0n,
  };
}

function tradeFill(t: TradeEvent): Fill {
  const base = fixed(t.qty, S);
  return {
    id: `trade:${t.symbol}:${t.aggregate ? 'a' : 't'}:${t.tradeId}`,
    pair: t.symbol,
    time: t.tradeTime,
    ordinal: BigInt(t.tradeId),
    price: fixed(t.price, P),
    base,
    quote: (fixed(t.price, S) * base) / TEN ** S,
    buy: !t.buyerIsMaker,
  };
}

/** The fills that count at the end: first delivery of a trade; a swap's state after its last status. */
export function countedFills(
  events: readonly ({ topic: 'trade'; value: TradeEvent } | { topic: 'swap'; value: SwapEvent })[],
): Fill[] {
  const fills = new Map<string, Fill>();
  const failed = new Set<string>();
  for (const event of events) {
    if (event.topic === 'trade') {
      const fill = tradeFill(event.value);
      if (!fills.has(fill.id)) fills.set(fill.id, fill);
      continue;
    }
    const s = event.value;
    const id = `swap:${s.chainId}:${s.txHash.toLowerCase()}:${s.logIndex}`;
    if (s.status === 'failed') {
      failed.add(id);
      fills.delete(id);
    } else if (s.status === 'reorged') fills.delete(id);
    else if (s.status === 'confirmed' && !failed.has(id) && !fills.has(id)) {
      const fill = swapFill(s);
      if (fill) fills.set(id, fill);
    }
  }
  return [...fills.values()];
}

const firstBy = (a: Fill, b: Fill): number =>
  a.time - b.time ||
  (a.ordinal < b.ordinal ? -1 : a.ordinal > b.ordinal ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function figuresOf(fills: readonly Fill[]): Figures {
  const sorted = [...fills].sort(firstBy);
  const sum = (f: (x: Fill) => bigint): bigint => fills.reduce((acc, x) => acc + f(x), 0n);
  const base = sum((x) => x.base);
  const quote = sum((x) => x.quote);
  const prices = fills.map((x) => x.price);
  return {
    tradeCount: fills.length,
    baseVolume: show(base, S),
    quoteVolume: show(quote, S),
    vwap: show((quote * TEN ** P) / base, P),
    open: show(sorted[0].price, P),
    high: show(
      prices.reduce((a, b) => (b > a ? b : a)),
      P,
    ),
    low: show(
      prices.reduce((a, b) => (b < a ? b : a)),
      P,
    ),
    close: show(sorted[sorted.length - 1].price, P),
    avgPrice: show(sum((x) => x.price) / BigInt(fills.length), P),
    buyVolume: show(
      sum((x) => (x.buy ? x.base : 0n)),
      S,
    ),
    sellVolume: show(
      sum((x) => (x.buy ? 0n : x.base)),
      S,
    ),
  };
}

/** `pair minuteStart` → figures of every one-minute window; `pair span` → 1h, 24h and all. */
export function independentStats(fills: readonly Fill[]): {
  minutes: Map<string, Figures>;
  spans: Map<string, Figures & { windowStart: number; windowEnd: number }>;
} {
  const byWindow = new Map<string, Fill[]>();
  const lastMinute = new Map<string, number>();
  const firstMinute = new Map<string, number>();
  for (const fill of fills) {
    const minute = Math.floor(fill.time / 60000) * 60000;
    const key = `${fill.pair} ${minute}`;
    byWindow.set(key, [...(byWindow.get(key) ?? []), fill]);
    lastMinute.set(fill.pair, Math.max(lastMinute.get(fill.pair) ?? minute, minute));
    firstMinute.set(fill.pair, Math.min(firstMinute.get(fill.pair) ?? minute, minute));
  }
  const minutes = new Map([...byWindow].map(([key, list]) => [key, figuresOf(list)]));
  const spans = new Map<string, Figures & { windowStart: number; windowEnd: number }>();
  for (const [pair, last] of lastMinute) {
    const end = last + 60000;
    const ranges = { '1h': end - 3600_000, '24h': end - 86_400_000, all: firstMinute.get(pair)! };
    for (const [span, start] of Object.entries(ranges)) {
      const inside = fills.filter((f) => f.pair === pair && f.time >= start && f.time < end);
      spans.set(`${pair} ${span}`, { ...figuresOf(inside), windowStart: start, windowEnd: end });
    }
  }
  return { minutes, spans };
}
