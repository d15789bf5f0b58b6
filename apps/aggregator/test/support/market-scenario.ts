import { SwapEvent, SwapStatus, TradeEvent } from '@app/contracts';

/** A tiny seeded generator (mulberry32), so a failing run can be replayed with its seed. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export type ScenarioMessage =
  | { topic: 'md.trade.v1'; value: TradeEvent }
  | { topic: 'dex.swap.v1'; value: SwapEvent }
  | { topic: 'md.trade.v1'; value: 'not json' };

export const T0 = Date.UTC(2024, 0, 5, 0, 0, 0);
const SPAN_MS = 3 * 3600_000;

const TOKEN_PAIRS = [
  { t0: 'USDC', d0: 6, t1: 'WETH', d1: 18 },
  { t0: 'oSQTH', d0: 18, t1: 'WETH', d1: 18 },
  { t0: 'WBTC', d0: 8, t1: 'USDC', d1: 6 },
  { t0: 'DAI', d0: 18, t1: 'USDT', d1: 6 },
];
/** Three pools per token pair, so one pair's swaps arrive through several partitions at once. */
export const POOLS = Array.from({ length: 12 }, (_, i) => ({
  pool: `0x${(0xa000 + i).toString(16).padStart(40, '0')}`,
  ...TOKEN_PAIRS[i % TOKEN_PAIRS.length],
}));
export const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT', 'ADAUSDT'];

const hex = (rng: Rng, bytes: number): string =>
  '0x' +
  Array.from({ length: bytes }, () => rng.int(0, 255).toString(16).padStart(2, '0')).join('');

/** Event time with reordering: mostly near its place in the stream, sometimes minutes late. */
function eventTime(rng: Rng, progress: number): number {
  const time = T0 + Math.floor(progress * SPAN_MS) + rng.int(-5000, 5000);
  return rng.chance(0.03) ? time - rng.int(60_000, 20 * 60_000) : time;
}

function trade(rng: Rng, symbol: string, tradeId: number, progress: number): TradeEvent {
  const time = eventTime(rng, progress);
  return {
    source: 'simulator',
    symbol,
    tradeId,
    aggregate: rng.chance(0.5),
    price: `${rng.int(100, 70000)}.${String(rng.int(0, 99)).padStart(2, '0')}`,
    qty: `${rng.int(0, 3)}.${String(rng.int(1, 99999)).padStart(5, '0')}`,
    buyerIsMaker: rng.chance(0.5),
    tradeTime: time,
    exchangeTime: time + 1,
    receivedAt: time + 2,
    producedAt: time + 3,
  };
}

function swap(rng: Rng, p: (typeof POOLS)[number], block: number, progress: number): SwapEvent {
  const sell0 = rng.chance(0.5);
  const amount0 = BigInt(rng.int(1, 1_000_000)) * 10n ** BigInt(p.d0 - 2) + BigInt(rng.int(0, 99));
  const amount1 = BigInt(rng.int(1, 1_000_000)) * 10n ** BigInt(p.d1 - 5) + BigInt(rng.int(0, 99));
  return {
    source: 'simulator',
    chainId: 1,
    pool: p.pool,
    token0Symbol: p.t0,
    token1Symbol: p.t1,
    token0Decimals: p.d0,
    token1Decimals: p.d1,
    txHash: hex(rng, 32),
    logIndex: rng.int(0, 400),
    blockNumber: block,
    blockTime: eventTime(rng, progress),
    sender: hex(rng, 20),
    recipient: hex(rng, 20),
    amount0: (sell0 ? amount0 : -amount0).toString(),
    amount1: (sell0 ? -amount1 : amount1).toString(),
    sqrtPriceX96: '1662995104975155420368771254341874',
    liquidity: '12453647101533358277',
    tick: 199045,
    status: 'pending',
    producedAt: T0,
  };
}

/** The statuses one swap goes through, in order (duplicates included). */
function lifecycle(rng: Rng): SwapStatus[] {
  const steps: SwapStatus[] = ['pending'];
  const roll = rng.next();
  if (roll < 0.1) steps.push('failed');
  else if (roll < 0.15)
    return steps; // stays pending: never counts
  else {
    steps.push('confirmed');
    if (rng.chance(0.15)) {
      steps.push('reorged');
      if (rng.chance(0.5)) steps.push('pending', 'confirmed');
    }
  }
  if (rng.chance(0.05)) steps.push(steps[steps.length - 1]); // a duplicate delivery
  return steps;
}

/**
 * At least `total` messages: trades with duplicates and late events, swaps per pool going through
 * pending → confirmed/failed → reorged → re-confirmed interleaved (each swap's steps stay in order,
 * as they do in one Kafka partition), and a few invalid messages for the dead-letter topic.
 */
export function marketScenario(seed: number, total: number): ScenarioMessage[] {
  const rng = new Rng(seed);
  const messages: ScenarioMessage[] = [];
  const tradeIds = new Map(SYMBOLS.map((s) => [s, 1000]));
  const active: { swap: SwapEvent; steps: SwapStatus[] }[] = [];
  const sentTrades: TradeEvent[] = [];
  let block = 18_900_000;
  while (messages.length < total) {
    const progress = messages.length / total;
    const roll = rng.next();
    if (roll < 0.55) {
      const symbol = SYMBOLS[rng.int(0, SYMBOLS.length - 1)];
      const id = tradeIds.get(symbol)! + 1;
      tradeIds.set(symbol, id);
      const t = trade(rng, symbol, id, progress);
      sentTrades.push(t);
      messages.push({ topic: 'md.trade.v1', value: t });
    } else if (roll < 0.58 && sentTrades.length > 0) {
      const again =
        sentTrades[rng.int(Math.max(0, sentTrades.length - 5000), sentTrades.length - 1)];
      messages.push({
        topic: 'md.trade.v1',
        value: { ...again, producedAt: again.producedAt + 7 },
      });
    } else if (roll < 0.5805) {
      messages.push({ topic: 'md.trade.v1', value: 'not json' });
    } else if (roll < 0.75 || active.length === 0) {
      block += rng.int(0, 1);
      active.push({
        swap: swap(rng, POOLS[rng.int(0, POOLS.length - 1)], block, progress),
        steps: lifecycle(rng),
      });
    } else {
      const index = rng.int(0, active.length - 1);
      const entry = active[index];
      const status = entry.steps.shift()!;
      messages.push({ topic: 'dex.swap.v1', value: { ...entry.swap, status } });
      if (entry.steps.length === 0) active.splice(index, 1);
    }
  }
  for (const entry of active) {
    for (const status of entry.steps)
      messages.push({ topic: 'dex.swap.v1', value: { ...entry.swap, status } });
  }
  return messages;
}
