import { canonical } from '@app/decimal';
import { buildCandles, MinuteFigures } from './candles';

const FIVE_MINUTES = 300_000;
const T0 = 1_700_000_100_000 - (1_700_000_100_000 % FIVE_MINUTES);

/** A minute as MinuteWindowReader reads it from Postgres (with its price sum) or, without, as consumed. */
function minute(index: number, fields: Partial<MinuteFigures>): MinuteFigures {
  return {
    windowStart: T0 + index * 60_000,
    open: '100',
    high: '100',
    low: '100',
    close: '100',
    baseVolume: '1',
    quoteVolume: '100',
    buyVolume: '1',
    sellVolume: '0',
    tradeCount: 1,
    avgPrice: '100',
    ...fields,
  };
}

describe(buildCandles.name, () => {
  it('averages the prices of several minutes from their sums, truncated as the aggregator does', () => {
    const minutes = [
      minute(0, { tradeCount: 3, priceSum: '300.25', avgPrice: '100.083333333333333333' }),
      minute(1, { tradeCount: 3, priceSum: '310.35', avgPrice: '103.45' }),
      minute(5, { tradeCount: 2, priceSum: '199.5', avgPrice: '99.75' }),
    ];

    expect(buildCandles(minutes, FIVE_MINUTES).map((c) => [c.openTime, c.avgPrice])).toEqual([
      // (300.25 + 310.35) / (3 + 3) = 610.6 / 6 = 101.7666…: 18 decimals, the last not rounded up
      [T0, '101.766666666666666666'],
      [T0 + FIVE_MINUTES, '99.75'],
    ]);
  });

  it("gives a one-minute candle its minute's own mean: the figure the live stats show", () => {
    const minutes = [
      minute(0, { tradeCount: 3, priceSum: '300.25', avgPrice: '100.083333333333333333' }),
      minute(1, { tradeCount: 7, avgPrice: '101.5' }), // consumed: no sum
    ];

    expect(buildCandles(minutes, 60_000).map((c) => c.avgPrice)).toEqual([
      '100.083333333333333333',
      '101.5',
    ]);
  });

  it('has no average for several minutes when one of them has no price sum', () => {
    const minutes = [
      minute(0, { tradeCount: 3, priceSum: '300.25' }),
      minute(1, { tradeCount: 7, avgPrice: '101.5' }),
    ];

    expect(buildCandles(minutes, FIVE_MINUTES)).toEqual([
      {
        openTime: T0,
        open: '100',
        high: '100',
        low: '100',
        close: '100',
        baseVolume: '2',
        quoteVolume: '200',
        vwap: '100',
        buyVolume: '2',
        sellVolume: '0',
        tradeCount: 10,
        avgPrice: null,
      },
    ]);
  });
});

/** A trade as the exchange sends it: prices and quantities of up to 8 decimals. */
interface Trade {
  time: number;
  price: string;
  qty: string;
  /** Binance `m`: the buyer was the maker, so the taker sold. */
  buyerIsMaker: boolean;
}

const units = (decimal: string, scale: number): bigint => {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole + fraction.padEnd(scale, '0'));
};
const text = (value: bigint, scale: number): string =>
  canonical(
    `${value / 10n ** BigInt(scale)}.${(value % 10n ** BigInt(scale)).toString().padStart(scale, '0')}`,
  );

/** A minute as the aggregator stores it, summed here with BigInt at fixed scales. */
function minuteOf(trades: readonly Trade[], windowStart: number): MinuteFigures {
  const prices = trades.map((t) => t.price);
  const by = (pick: (t: Trade) => boolean) =>
    text(
      trades.filter(pick).reduce((sum, t) => sum + units(t.qty, 8), 0n),
      8,
    );
  const max = (a: string, b: string) => (units(a, 8) >= units(b, 8) ? a : b);
  const min = (a: string, b: string) => (units(a, 8) <= units(b, 8) ? a : b);
  return {
    windowStart,
    open: prices[0],
    high: prices.reduce(max),
    low: prices.reduce(min),
    close: prices[prices.length - 1],
    baseVolume: by(() => true),
    quoteVolume: text(
      trades.reduce((sum, t) => sum + units(t.price, 8) * units(t.qty, 8), 0n),
      16,
    ),
    buyVolume: by((t) => !t.buyerIsMaker),
    sellVolume: by((t) => t.buyerIsMaker),
    tradeCount: trades.length,
    avgPrice: text(
      trades.reduce((sum, t) => sum + units(t.price, 8), 0n) / BigInt(trades.length),
      8,
    ),
    priceSum: text(
      trades.reduce((sum, t) => sum + units(t.price, 8), 0n),
      8,
    ),
  };
}

function minutesOf(trades: readonly Trade[]): MinuteFigures[] {
  const byMinute = new Map<number, Trade[]>();
  for (const t of trades) {
    const start = t.time - (t.time % 60_000);
    byMinute.set(start, [...(byMinute.get(start) ?? []), t]);
  }
  return [...byMinute].map(([start, group]) => minuteOf(group, start));
}

describe('candle VWAP, taker buy/sell volume and trade count', () => {
  it('gives a hand-computed candle: VWAP truncated toward zero at 18 decimals, m=true counted as a sell', () => {
    const trades: Trade[] = [
      { time: T0, price: '100', qty: '1', buyerIsMaker: false },
      { time: T0 + 1, price: '101', qty: '3', buyerIsMaker: true },
      { time: T0 + 60_000, price: '99.5', qty: '0.5', buyerIsMaker: false },
    ];

    const [candle] = buildCandles(minutesOf(trades), FIVE_MINUTES);

    // (100 × 1 + 101 × 3 + 99.5 × 0.5) / 4.5 = 452.75 / 4.5 = 100.6111…
    expect(candle).toMatchObject({
      quoteVolume: '452.75',
      vwap: '100.611111111111111111',
      buyVolume: '1.5',
      sellVolume: '3',
      tradeCount: 3,
    });
  });

  it('matches Σ(price × qty) ÷ Σqty, Σqty by taker side and the count over the raw trades of each candle', () => {
    // A fixed pseudo-random walk: prices and quantities of 0 to 8 decimals, both taker sides.
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    const roundedTo = (value: bigint, step: bigint) => (value / step) * step || step;
    const trades: Trade[] = Array.from({ length: 600 }, (_, i) => ({
      time: T0 + i * 1_700,
      price: text(
        roundedTo(6_500_000_000_000n + BigInt(next() % 1e8), 10n ** BigInt(next() % 9)),
        8,
      ),
      qty: text(roundedTo(BigInt(next() % 5e8), 10n ** BigInt(next() % 9)), 8),
      buyerIsMaker: next() % 3 === 0,
    }));

    for (const interval of [60_000, FIVE_MINUTES, 900_000]) {
      const expected = new Map<number, Trade[]>();
      for (const t of trades) {
        const open = t.time - (t.time % interval);
        expected.set(open, [...(expected.get(open) ?? []), t]);
      }
      const candles = buildCandles(minutesOf(trades), interval);

      expect(candles.map((c) => c.openTime)).toEqual([...expected.keys()]);
      candles.forEach((c, index) => {
        const group = [...expected.values()][index];
        const notional = group.reduce((sum, t) => sum + units(t.price, 8) * units(t.qty, 8), 0n);
        const base = group.reduce((sum, t) => sum + units(t.qty, 8), 0n);
        const side = (sold: boolean) =>
          group.filter((t) => t.buyerIsMaker === sold).reduce((s, t) => s + units(t.qty, 8), 0n);
        // notional has 16 decimals, base 8: the quotient × 10^18 is notional × 10^10 ÷ base.
        expect(c.vwap).toBe(text((notional * 10n ** 10n) / base, 18));
        expect(canonical(c.buyVolume)).toBe(text(side(false), 8));
        expect(canonical(c.sellVolume)).toBe(text(side(true), 8));
        expect(canonical(c.baseVolume)).toBe(text(base, 8));
        expect(c.tradeCount).toBe(group.length);
      });
    }
  });
});
