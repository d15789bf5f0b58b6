import { CacheKeys, STATS_UPDATE_TOPIC } from '@app/contracts';
import { KeyValueCache } from '@app/storage';
import { Client } from 'pg';
import { DATABASE_URL } from '../../../test/support/services';
import { AppProcess } from '../../../test/support/app-process';
import { GatewayUnderTest } from './support/gateway-under-test';
import { events, MarketFeed } from './support/market-feed';

const MINUTE = 60_000;

/**
 * REST `/v1` end to end: the built gateway reading what the test wrote to Redis and Postgres (as the
 * orderbook service and the aggregator would) and what it consumed from Kafka.
 */
describe('gateway REST /v1 (reader of hand-written Redis and Postgres; the writers: compose-local and embedded e2e)', () => {
  let gateway: GatewayUnderTest;
  let cache: KeyValueCache;
  let feed: MarketFeed;
  const get = (path: string) => fetch(`${gateway.url}${path}`);
  const json = async (path: string) => {
    const response = await get(path);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    gateway = await GatewayUnderTest.start();
    cache = gateway.openCache();
    feed = await MarketFeed.connect(process.env.TEST_KAFKA_BROKERS!.split(','));
    const now = Date.now();
    await cache.set(
      CacheKeys.bookTicker('BTCUSDT'),
      JSON.stringify(events.bookTicker('BTCUSDT', 41, now)),
    );
    await cache.set(CacheKeys.ticker('BTCUSDT'), JSON.stringify(events.ticker24h('BTCUSDT', now)));
    await cache.set(CacheKeys.book('BTCUSDT'), JSON.stringify(events.book('BTCUSDT', 77, 30, now)));
    for (let id = 1; id <= 120; id++) {
      await cache.pushCapped(
        CacheKeys.trades('BTCUSDT'),
        JSON.stringify(events.trade('BTCUSDT', id, now)),
        100,
      );
    }
    const minute = now - (now % MINUTE);
    for (const window of ['1m', '1h', '24h'] as const) {
      await cache.set(
        CacheKeys.stats('BTCUSDT', window),
        JSON.stringify(events.stats('BTCUSDT', window, minute)),
      );
    }
    await cache.set(
      CacheKeys.stats('USDC/WETH', '1h'),
      JSON.stringify(events.stats('USDC/WETH', '1h', minute, { quoteVolume: '5000.5' })),
    );
    await cache.set(
      CacheKeys.topPairs('24h'),
      JSON.stringify([
        { pair: 'BTCUSDT', market: 'spot', quoteVolume: '900.5' },
        { pair: 'USDC/WETH', market: 'dex', quoteVolume: '700.25' },
        { pair: 'ETHUSDT', market: 'spot', quoteVolume: '10' },
      ]),
    );
  }, 90_000);

  afterAll(async () => {
    await feed?.close();
    await cache?.close();
    await gateway?.stop();
    await AppProcess.stopAll();
  });

  it('is ready only with Kafka, Redis and Postgres all answering', async () => {
    const response = await fetch(`${gateway.url}/health/ready`);
    const body = (await response.json()) as { status: string; info: Record<string, unknown> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.info).sort()).toEqual(['kafka', 'postgres', 'redis']);
  });

  it('answers the ticker: best bid/ask merged with the 24 h statistics', async () => {
    const { status, body } = await json('/v1/ticker/BTCUSDT');
    expect(status).toBe(200);
    expect(body).toEqual({
      symbol: 'BTCUSDT',
      updateId: 41,
      bidPrice: '100.10',
      bidQty: '1.5',
      askPrice: '100.20',
      askQty: '2.5',
      lastPrice: '100.15',
      priceChange: '-1.25',
      priceChangePercent: '-1.2',
      highPrice: '102.00',
      lowPrice: '99.00',
      volume: '1234.5',
      quoteVolume: '124000.75',
      tradeCount: 4321,
    });
  });

  it('cuts the book to depth (default 20)', async () => {
    const deep = await json('/v1/book/BTCUSDT?depth=3');
    expect(deep.status).toBe(200);
    expect(deep.body.bids).toEqual([
      ['99.99', '1.000'],
      ['99.98', '2.000'],
      ['99.97', '3.000'],
    ]);
    expect(deep.body.asks).toEqual([
      ['100.01', '1.000'],
      ['100.02', '2.000'],
      ['100.03', '3.000'],
    ]);
    expect(deep.body.lastUpdateId).toBe(77);
    const standard = await json('/v1/book/BTCUSDT');
    expect((standard.body.bids as unknown[]).length).toBe(20);
  });

  it('serves the last N trades newest first, from the 100 kept', async () => {
    const { body } = await json('/v1/trades/BTCUSDT?limit=3');
    expect((body as unknown as { tradeId: number }[]).map((t) => t.tradeId)).toEqual([
      120, 119, 118,
    ]);
    const all = (await json('/v1/trades/BTCUSDT?limit=100')).body as unknown as {
      tradeId: number;
    }[];
    expect(all.length).toBe(100);
    expect(all[99].tradeId).toBe(21);
  });

  it('serves stats per pair and window, DEX pairs included', async () => {
    const spot = await json('/v1/stats?pair=BTCUSDT&window=1h');
    expect(spot.status).toBe(200);
    expect(spot.body).toMatchObject({
      pair: 'BTCUSDT',
      window: '1h',
      tradeCount: 12,
      vwap: '100.2',
      quoteVolume: '350.70',
    });
    const dex = await json(`/v1/stats?pair=${encodeURIComponent('USDC/WETH')}&window=1h`);
    expect(dex.body).toMatchObject({ pair: 'USDC/WETH', market: 'dex', quoteVolume: '5000.5' });
  });

  it('serves the top pairs by volume, limited', async () => {
    expect(await json('/v1/top?window=24h&limit=2')).toEqual({
      status: 200,
      body: [
        { pair: 'BTCUSDT', market: 'spot', quoteVolume: '900.5' },
        { pair: 'USDC/WETH', market: 'dex', quoteVolume: '700.25' },
      ],
    });
  });

  it('builds candles from the 1-minute stats it consumed', async () => {
    const start = Date.now() - (Date.now() % (5 * MINUTE)) - 10 * MINUTE;
    const minutes = [0, 1, 2].map((i) =>
      events.stats('CANDLEUSDT', '1m', start + i * MINUTE, {
        open: `10${i}.0`,
        high: `10${i}.9`,
        low: `9${i}.5`,
        close: `10${i}.5`,
        baseVolume: '0.25',
        quoteVolume: '25.125',
        buyVolume: '0.2',
        sellVolume: '0.05',
        tradeCount: 2,
        avgPrice: `10${i}.25`,
      }),
    );
    const path = `/v1/candles?pair=CANDLEUSDT&interval=5m&from=${start}&to=${start + 10 * MINUTE}`;
    // The gateway joins at the latest offset: publish until it has taken them in.
    const deadline = Date.now() + 45_000;
    let answer = await json(path);
    while (answer.status !== 200 && Date.now() < deadline) {
      await feed.publish(STATS_UPDATE_TOPIC, minutes);
      await new Promise((resolve) => setTimeout(resolve, 500));
      answer = await json(path);
    }
    expect(answer).toEqual({
      status: 200,
      body: [
        {
          openTime: start,
          open: '100.0',
          high: '102.9',
          low: '90.5',
          close: '102.5',
          baseVolume: '0.75',
          quoteVolume: '75.375',
          vwap: '100.5', // 75.375 / 0.75, from the sums: the minutes' own VWAPs are not needed
          buyVolume: '0.6',
          sellVolume: '0.15',
          tradeCount: 6,
          // stats.update.v1 carries each minute's mean, not its sum: no exact mean of three.
          avgPrice: null,
        },
      ],
    });
    const oneMinute = await json(path.replace('interval=5m', 'interval=1m'));
    expect((oneMinute.body as unknown as { avgPrice: string }[]).map((c) => c.avgPrice)).toEqual([
      '100.25',
      '101.25',
      '102.25',
    ]);
  }, 60_000);

  it('reads candles from stored minute windows (rows seeded by hand: a test of the reader)', async () => {
    const start = 1_700_000_100_000 - (1_700_000_100_000 % (5 * MINUTE));
    const db = new Client({ connectionString: DATABASE_URL });
    await db.connect();
    try {
      // Three trades a minute; avg_price as the aggregator stores it: price sum / 3, truncated.
      for (const [i, high, low, volume, priceSum, avgPrice] of [
        [0, '101.5', '99.25', '0.125', '300.25', '100.083333333333333333'],
        [1, '103', '100', '2', '310.35', '103.45'],
        [5, '99', '98.5', '1.5', '296.10', '98.70'],
      ] as const) {
        await db.query(
          `insert into ${gateway.schema}.aggregator_minute_windows
             (pair, minute_start, market, trade_count, base_volume, quote_volume, price_sum, vwap,
              open, high, low, close, avg_price, buy_volume, sell_volume)
           values ('SQLUSDT', $1, 'spot', 3, $2, '10.5', $7, '100', $3, $4, $5, $6, $8, '0', $2)`,
          [start + i * MINUTE, volume, `10${i}.0`, high, low, `10${i}.5`, priceSum, avgPrice],
        );
      }
    } finally {
      await db.end();
    }
    const path = `/v1/candles?pair=SQLUSDT&interval=5m&from=${start}&to=${start + 10 * MINUTE}`;
    expect(await json(path)).toEqual({
      status: 200,
      body: [
        {
          openTime: start,
          open: '100.0',
          high: '103',
          low: '99.25',
          close: '101.5',
          baseVolume: '2.125',
          quoteVolume: '21.0',
          vwap: '9.882352941176470588', // 21 / 2.125 = 9.88235294117647058823…, truncated
          buyVolume: '0',
          sellVolume: '2.125',
          tradeCount: 6,
          // (300.25 + 310.35) / 6 = 610.6 / 6 = 101.7666…, truncated to 18 decimals
          avgPrice: '101.766666666666666666',
        },
        {
          openTime: start + 5 * MINUTE,
          open: '105.0',
          high: '99',
          low: '98.5',
          close: '105.5',
          baseVolume: '1.5',
          quoteVolume: '10.5',
          vwap: '7',
          buyVolume: '0',
          sellVolume: '1.5',
          tradeCount: 3,
          avgPrice: '98.7', // one minute: its own mean, printed as the live stats print it
        },
      ],
    });
    const oneMinute = await json(path.replace('interval=5m', 'interval=1m'));
    expect((oneMinute.body as unknown as { avgPrice: string }[]).map((c) => c.avgPrice)).toEqual([
      '100.083333333333333333',
      '103.45',
      '98.7',
    ]);
  });
});
