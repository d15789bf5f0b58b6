import { RawBookTicker } from '../binance/binance-events';
import { DEFAULT_SYMBOLS, MarketSimulator, SimulatedSymbol } from './market-simulator';

const NOW = 1700000000000;
const SYMBOLS: SimulatedSymbol[] = [
  DEFAULT_SYMBOLS.BTCUSDT,
  DEFAULT_SYMBOLS.ETHUSDT,
  { symbol: 'SATUSDT', startTicks: 3, priceDecimals: 8, qtyDecimals: 0 },
];

/** Steps every symbol in turn, `rounds` times, as the simulator server does. */
function run(simulator: MarketSimulator, rounds: number): RawBookTicker[] {
  const tickers: RawBookTicker[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const symbol of simulator.symbols) tickers.push(simulator.step(symbol, NOW + round));
  }
  return tickers;
}

/** A price string as an integer number of ticks: exact, unlike parseFloat. */
function ticks(price: string): bigint {
  return BigInt(price.replace('.', ''));
}

function decimalsOf(value: string): number {
  const point = value.indexOf('.');
  return point === -1 ? 0 : value.length - point - 1;
}

describe(MarketSimulator.name, () => {
  it('replays the identical sequence of bookTickers for the same seed', () => {
    expect(run(new MarketSimulator(SYMBOLS, 42), 200)).toEqual(
      run(new MarketSimulator(SYMBOLS, 42), 200),
    );
  });

  it('gives another sequence for another seed', () => {
    expect(run(new MarketSimulator(SYMBOLS, 42), 5)).not.toEqual(
      run(new MarketSimulator(SYMBOLS, 43), 5),
    );
  });

  it('starts one tick either side of the start price', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);

    expect(simulator.current('BTCUSDT', NOW)).toEqual({
      u: 1_000_000,
      s: 'BTCUSDT',
      b: '64999.99',
      B: '0.01000',
      a: '65000.01',
      A: '0.01000',
      E: NOW,
    });
  });

  it('keeps the bid strictly below the ask', () => {
    for (const ticker of run(new MarketSimulator(SYMBOLS, 42), 2000)) {
      expect(ticks(ticker.b) < ticks(ticker.a)).toBe(true);
      expect(ticks(ticker.b) >= 1n).toBe(true);
    }
  });

  it('formats prices with exactly priceDecimals and quantities with exactly qtyDecimals', () => {
    const specs = new Map(SYMBOLS.map((spec) => [spec.symbol, spec]));
    for (const ticker of run(new MarketSimulator(SYMBOLS, 42), 500)) {
      const spec = specs.get(ticker.s)!;
      expect([ticker.b, ticker.a].map(decimalsOf)).toEqual([
        spec.priceDecimals,
        spec.priceDecimals,
      ]);
      expect([ticker.B, ticker.A].map(decimalsOf)).toEqual([spec.qtyDecimals, spec.qtyDecimals]);
      expect(ticker.b).toMatch(/^\d+(\.\d+)?$/);
      expect(ticker.a).toMatch(/^\d+(\.\d+)?$/);
    }
  });

  it('increases updateId strictly, per symbol', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);
    const tickers = run(simulator, 500);
    for (const symbol of simulator.symbols) {
      const ids = tickers.filter((ticker) => ticker.s === symbol).map((ticker) => ticker.u);
      expect(ids[0]).toBeGreaterThan(1_000_000);
      for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]);
    }
  });

  it('stamps the event time it is given', () => {
    expect(new MarketSimulator(SYMBOLS, 42).step('ETHUSDT', NOW + 5).E).toBe(NOW + 5);
  });

  it('reports the state of the last step as current', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);
    const stepped = simulator.step('ETHUSDT', NOW);

    expect(simulator.current('ETHUSDT', NOW)).toEqual(stepped);
  });

  it('refuses a symbol it does not simulate', () => {
    const simulator = new MarketSimulator(SYMBOLS, 42);

    expect(() => simulator.step('XRPUSDT', NOW)).toThrow('unknown symbol XRPUSDT');
    expect(() => simulator.current('XRPUSDT', NOW)).toThrow('unknown symbol XRPUSDT');
  });
});
