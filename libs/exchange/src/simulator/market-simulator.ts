import { MarketModelOptions, MarketStep, SimulatedSymbol } from './market-types';
import { symbolSeed } from './seeded-random';
import { SymbolMarket } from './symbol-market';

export * from './market-types';

/**
 * The simulator's true markets, one per symbol, each deterministic from the seed and the symbol
 * name (so adding a symbol does not change another's run). Plain state, no clock: callers pass
 * the time of each step.
 */
export class MarketSimulator {
  private readonly markets = new Map<string, SymbolMarket>();

  constructor(symbols: SimulatedSymbol[], seed: number, options: MarketModelOptions = {}) {
    for (const spec of symbols) {
      if (spec.priceDecimals > 8 || spec.qtyDecimals > 8) {
        throw new Error(`${spec.symbol}: at most 8 price and quantity decimals`);
      }
      this.markets.set(spec.symbol, new SymbolMarket(spec, symbolSeed(seed, spec.symbol), options));
    }
  }

  get symbols(): string[] {
    return [...this.markets.keys()];
  }

  has(symbol: string): boolean {
    return this.markets.has(symbol);
  }

  market(symbol: string): SymbolMarket {
    const market = this.markets.get(symbol);
    if (!market) throw new Error(`unknown symbol ${symbol}`);
    return market;
  }

  step(symbol: string, now: number): MarketStep {
    return this.market(symbol).step(now);
  }
}
