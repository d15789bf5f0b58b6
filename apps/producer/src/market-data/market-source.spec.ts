import * as path from 'node:path';
import { RECORDINGS } from '../../../../test/support/recordings';
import { resolveMarketSource } from './market-source';

const day = (date: string) => path.join(RECORDINGS, 'binance-spot', date);

describe(resolveMarketSource.name, () => {
  it('replays each symbol on the trade stream it was recorded with, none where it has no trades', async () => {
    const source = await resolveMarketSource(
      { kind: 'replay', dir: day('2021-04-05'), speed: 1 },
      [],
    );
    try {
      expect(source.label).toBe('replay');
      expect(['AXSBNB', 'NEOUSDC', 'ZILUSDT'].map((s) => source.tradeStreamOf(s))).toEqual([
        'aggTrade',
        null,
        'aggTrade',
      ]);
      expect(source.warnings).toEqual([]);
    } finally {
      await source.close();
    }
  });

  it('replays the raw trade stream of a @trade day and warns that its books cannot sync', async () => {
    const dir = day('2024-08-09');
    const source = await resolveMarketSource({ kind: 'replay', dir, speed: 1 }, []);
    try {
      expect(source.symbols).toEqual(['BTCUSDT', 'ETHUSDT']);
      expect(source.tradeStreamOf('BTCUSDT')).toBe('trade');
      expect(source.warnings).toEqual([
        `${dir} holds no depth snapshot for BTCUSDT, ETHUSDT: their books cannot sync ` +
          '(their depth diffs, bookTickers and trades are still published)',
      ]);
      const depth = await fetch(`${source.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=5`);
      expect([depth.status, await depth.json()]).toEqual([
        500,
        {
          code: -1000,
          msg: 'no depth snapshot was recorded for BTCUSDT: its book cannot be synced',
        },
      ]);
    } finally {
      await source.close();
    }
  });

  it('subscribes single trades from live Binance', async () => {
    const source = await resolveMarketSource(
      {
        kind: 'binance',
        wsUrl: 'wss://stream.binance.com:9443',
        restUrl: 'https://api.binance.com',
      },
      ['BTCUSDT'],
    );
    expect(source.tradeStreamOf('BTCUSDT')).toBe('trade');
  });
});
