import { StatsUpdateEvent } from '@app/contracts';
import { meanOfDecimals, sumDecimals } from './exact-decimals';
import { MinuteHistory } from './minute-history';

const T0 = 1_700_000_040_000; // a minute boundary, and 5-minute boundary minus 4 min

function minute(start: number, fields: Partial<StatsUpdateEvent>): StatsUpdateEvent {
  return {
    pair: 'BTCUSDT',
    market: 'spot',
    window: '1m',
    windowStart: start,
    windowEnd: start + 60_000,
    tradeCount: 1,
    baseVolume: '1',
    quoteVolume: '100',
    vwap: '100',
    open: '100',
    high: '100',
    low: '100',
    close: '100',
    avgPrice: '100',
    buyVolume: '1',
    sellVolume: '0',
    producedAt: start + 60_000,
    ...fields,
  };
}

describe(sumDecimals.name, () => {
  it('adds exactly, whatever the scales', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['1.50', '0.025', '3'])).toBe('4.525');
    expect(sumDecimals(['7', '5'])).toBe('12');
    expect(sumDecimals(['0.001', '0.002'])).toBe('0.003');
  });
});

describe(meanOfDecimals.name, () => {
  it('divides exactly, truncated toward zero to the scale, without trailing zeros', () => {
    expect(meanOfDecimals('610.6', 6, 18)).toBe('101.766666666666666666'); // 101.7666…
    expect(meanOfDecimals('2', 3, 18)).toBe('0.666666666666666666'); // not rounded up to …67
    expect(meanOfDecimals('609.50', 6, 18)).toBe('101.583333333333333333');
    expect(meanOfDecimals('300.00', 3, 18)).toBe('100');
    expect(meanOfDecimals('0.3', 3, 18)).toBe('0.1');
    expect(meanOfDecimals('0', 1, 18)).toBe('0');
    expect(meanOfDecimals('0.000000000000000000009', 1, 18)).toBe('0'); // below the scale
    expect(meanOfDecimals('7', 2, 0)).toBe('3');
  });
});

describe(MinuteHistory.name, () => {
  it('builds 5-minute candles from minutes: first open, max high, min low, last close, exact sums', () => {
    const history = new MinuteHistory();
    const start = T0 - (T0 % 300_000);
    history.record(
      minute(start, {
        open: '10.5',
        high: '11.0',
        low: '9.9',
        close: '10.7',
        baseVolume: '0.1',
        tradeCount: 2,
        avgPrice: '10.6',
      }),
    );
    history.record(
      minute(start + 60_000, {
        open: '10.7',
        high: '12.25',
        low: '10.1',
        close: '12.0',
        baseVolume: '0.2',
        tradeCount: 3,
      }),
    );
    history.record(
      minute(start + 300_000, {
        open: '12',
        high: '12',
        low: '9.5',
        close: '9.75',
        baseVolume: '1.05',
        avgPrice: '9.625',
      }),
    );
    history.record(minute(start, { window: '1h', open: '999' })); // other windows are not minutes

    expect(history.candles('BTCUSDT', 300_000, start, start + 600_000)).toEqual([
      {
        openTime: start,
        open: '10.5',
        high: '12.25',
        low: '9.9',
        close: '12.0',
        baseVolume: '0.3',
        quoteVolume: '200',
        tradeCount: 5,
        // An event carries its minute's mean, not the sum of prices: two minutes cannot be averaged.
        avgPrice: null,
      },
      {
        openTime: start + 300_000,
        open: '12',
        high: '12',
        low: '9.5',
        close: '9.75',
        baseVolume: '1.05',
        quoteVolume: '100',
        tradeCount: 1,
        avgPrice: '9.625',
      },
    ]);
    expect(
      history.candles('BTCUSDT', 60_000, start, start + 120_000).map((c) => c.avgPrice),
    ).toEqual(['10.6', '100']);
    expect(history.candles('BTCUSDT', 60_000, start + 60_000, start + 120_000)).toHaveLength(1);
    expect(history.candles('ETHUSDT', 60_000, start, start + 600_000)).toEqual([]);
  });

  it('keeps the later commit of a minute and forgets minutes past the horizon', () => {
    const history = new MinuteHistory(2);
    history.record(minute(T0, { close: '1', producedAt: 5 }));
    history.record(minute(T0, { close: '2', producedAt: 6 }));
    history.record(minute(T0, { close: '3', producedAt: 4 }));
    expect(history.candles('BTCUSDT', 60_000, T0, T0 + 60_000).map((c) => c.close)).toEqual(['2']);
    history.record(minute(T0 + 120_000, {}));
    expect(history.candles('BTCUSDT', 60_000, 0, T0 + 600_000).map((c) => c.openTime)).toEqual([
      T0 + 120_000,
    ]);
  });
});
