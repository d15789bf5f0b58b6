import { StatsUpdateEvent } from '@app/contracts';
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
        buyVolume: '0.1',
        sellVolume: '0',
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
        buyVolume: '0.05',
        sellVolume: '0.15',
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
        buyVolume: '0',
        sellVolume: '1.05',
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
        vwap: '666.666666666666666666', // 200 / 0.3, truncated
        buyVolume: '0.15',
        sellVolume: '0.15',
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
        vwap: '95.238095238095238095', // 100 / 1.05 = 95.238095238095238095238…
        buyVolume: '0',
        sellVolume: '1.05',
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
