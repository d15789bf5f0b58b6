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
        tradeCount: 10,
        avgPrice: null,
      },
    ]);
  });
});
