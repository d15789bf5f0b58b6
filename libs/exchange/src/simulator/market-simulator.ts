import { RawBookTicker } from '../binance/binance-events';
import { formatUnits } from './decimal-format';
import { SeededRandom } from './seeded-random';

export interface SimulatedSymbol {
  symbol: string;
  /** Starting mid price in ticks. */
  startTicks: number;
  /** Decimals of the price tick (e.g. 2 for 0.01). */
  priceDecimals: number;
  /** Decimals of the quantity step. */
  qtyDecimals: number;
}

export const DEFAULT_SYMBOLS: Record<string, SimulatedSymbol> = {
  BTCUSDT: { symbol: 'BTCUSDT', startTicks: 6_500_000, priceDecimals: 2, qtyDecimals: 5 },
  ETHUSDT: { symbol: 'ETHUSDT', startTicks: 340_000, priceDecimals: 2, qtyDecimals: 4 },
  BNBUSDT: { symbol: 'BNBUSDT', startTicks: 60_000, priceDecimals: 2, qtyDecimals: 3 },
};

interface SymbolState {
  spec: SimulatedSymbol;
  bidTicks: number;
  askTicks: number;
  bidLots: number;
  askLots: number;
  updateId: number;
}

/**
 * The simulator's true market, as plain state: best bid and ask per symbol on integer ticks, moving
 * by a seeded random walk. Every emitted bookTicker is exactly this state; the same seed replays the
 * same sequence. (The full book, depth diffs and trades come with the complete simulator.)
 */
export class MarketSimulator {
  private readonly random: SeededRandom;
  private readonly states = new Map<string, SymbolState>();

  constructor(symbols: SimulatedSymbol[], seed: number) {
    this.random = new SeededRandom(seed);
    for (const spec of symbols) {
      this.states.set(spec.symbol, {
        spec,
        bidTicks: spec.startTicks - 1,
        askTicks: spec.startTicks + 1,
        bidLots: 1000,
        askLots: 1000,
        updateId: 1_000_000,
      });
    }
  }

  get symbols(): string[] {
    return [...this.states.keys()];
  }

  /** Moves one symbol's touch by a random step and returns the new bookTicker. */
  step(symbol: string, now: number): RawBookTicker {
    const state = this.stateOf(symbol);
    const drift = this.random.int(-2, 2);
    const spread = this.random.int(1, 4);
    state.bidTicks = Math.max(1, state.bidTicks + drift);
    state.askTicks = state.bidTicks + spread;
    state.bidLots = this.random.int(1, 500_000);
    state.askLots = this.random.int(1, 500_000);
    state.updateId += this.random.int(1, 5);
    return this.bookTicker(state, now);
  }

  current(symbol: string, now: number): RawBookTicker {
    return this.bookTicker(this.stateOf(symbol), now);
  }

  private bookTicker(state: SymbolState, now: number): RawBookTicker {
    const { priceDecimals, qtyDecimals } = state.spec;
    return {
      u: state.updateId,
      s: state.spec.symbol,
      b: formatUnits(BigInt(state.bidTicks), priceDecimals),
      B: formatUnits(BigInt(state.bidLots), qtyDecimals),
      a: formatUnits(BigInt(state.askTicks), priceDecimals),
      A: formatUnits(BigInt(state.askLots), qtyDecimals),
      E: now,
    };
  }

  private stateOf(symbol: string): SymbolState {
    const state = this.states.get(symbol);
    if (!state) throw new Error(`unknown symbol ${symbol}`);
    return state;
  }
}
