import { canonical } from '@app/decimal';
import { TRADE_TOPIC, TradeEvent } from '@app/contracts';
import { randomBytes } from 'node:crypto';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../test/support/services';
import { GatewayUnderTest } from './support/gateway-under-test';
import { events, MarketFeed } from './support/market-feed';

const MINUTE = 60_000;
const DAY = 86_400_000;
const SCALE = 8; // every price and quantity sent has at most 8 decimals

const units = (decimal: string): bigint => {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole + fraction.padEnd(SCALE, '0'));
};
const text = (value: bigint, scale: number): string => {
  const digits = value.toString().padStart(scale + 1, '0');
  return canonical(`${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
};

/** What a candle or a span must show, computed here with BigInt over the trades sent. */
function expectedFigures(trades: readonly TradeEvent[]) {
  const qty = (list: readonly TradeEvent[]) => list.reduce((sum, t) => sum + units(t.qty), 0n);
  const notional = trades.reduce((sum, t) => sum + units(t.price) * units(t.qty), 0n);
  const base = qty(trades);
  return {
    tradeCount: trades.length,
    baseVolume: text(base, SCALE),
    quoteVolume: text(notional, 2 * SCALE),
    // Σ(price × qty) ÷ Σqty truncated to 18 decimals: notional has 16, base 8, so × 10^10.
    vwap: text((notional * 10n ** 10n) / base, 18),
    // Binance m = buyerIsMaker: true means the taker sold.
    buyVolume: text(qty(trades.filter((t) => !t.buyerIsMaker)), SCALE),
    sellVolume: text(qty(trades.filter((t) => t.buyerIsMaker)), SCALE),
  };
}

const exactVolumes = (c: Record<string, unknown>) => ({
  ...c,
  baseVolume: canonical(c.baseVolume as string),
  quoteVolume: canonical(c.quoteVolume as string),
  buyVolume: canonical(c.buyVolume as string),
  sellVolume: canonical(c.sellVolume as string),
});

/**
 * Candles and the all span end to end: the real aggregator counts trades from Kafka (one
 * delivered twice, one three days older than the rest), the gateway serves what it committed.
 * Every figure is compared with a BigInt calculation over the trades sent.
 */
describe('gateway REST /v1/candles and the all span (Kafka → aggregator → gateway)', () => {
  const symbol = `C${randomBytes(3).toString('hex').toUpperCase()}USDT`;
  const now = Date.now();
  const base = now - 2 * 3_600_000 - ((now - 2 * 3_600_000) % (5 * MINUTE));
  let gateway: GatewayUnderTest;
  let feed: MarketFeed;

  /** 300 trades over seven minutes, prices and quantities of several scales, both taker sides. */
  const sent: TradeEvent[] = Array.from({ length: 300 }, (_, i) => ({
    ...events.trade(symbol, 10_000 + i, base + i * 1_400),
    price: ['100.10', '99.995', '101', '100.00012345'][i % 4],
    qty: ['0.00123', '2', '0.5', '12.340', '0.00000001'][i % 5],
    tradeTime: base + i * 1_400,
    buyerIsMaker: i % 3 === 0,
  }));
  const old: TradeEvent = { ...sent[1], tradeId: 9_000, tradeTime: base - 3 * DAY + 17_000 };

  async function json(path: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${gateway.url}${path}`);
    return { status: response.status, body: await response.json() };
  }

  beforeAll(async () => {
    gateway = await GatewayUnderTest.start();
    const port = await freePort();
    AppProcess.start('aggregator', {
      PORT: String(port),
      KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS ?? '',
      KAFKA_CLIENT_PREFIX: uniqueRunId('cndl'),
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      REDIS_URL,
      CACHE_KEY_PREFIX: gateway.cachePrefix,
      DATABASE_URL,
      DATABASE_SCHEMA: gateway.schema,
    });
    await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200);
    feed = await MarketFeed.connect(process.env.TEST_KAFKA_BROKERS!.split(','));
    await feed.publish(TRADE_TOPIC, [old, ...sent.slice(0, 150)]);
    await feed.publish(TRADE_TOPIC, [sent[140], ...sent.slice(150)]); // trade 10140 redelivered
    // The aggregator commits asynchronously: wait until all time holds every trade sent.
    const deadline = Date.now() + 60_000;
    const counted = async () => {
      const { status, body } = await json(`/v1/stats?pair=${symbol}&window=all`);
      return status === 200 ? (body as { tradeCount: number }).tradeCount : 0;
    };
    while ((await counted()) < sent.length + 1 && Date.now() < deadline) await sleep(250);
  }, 120_000);

  afterAll(async () => {
    await feed?.close();
    await AppProcess.stopAll();
  });

  it.each([
    ['1m', MINUTE],
    ['5m', 5 * MINUTE],
  ])(
    'serves %s candles with exact VWAP, taker buy and sell volume and trade count',
    async (interval, ms) => {
      const { status, body } = await json(
        `/v1/candles?pair=${symbol}&interval=${interval}&from=${base}&to=${base + 10 * MINUTE}`,
      );

      const groups = new Map<number, TradeEvent[]>();
      for (const t of sent) {
        const open = t.tradeTime - (t.tradeTime % ms);
        groups.set(open, [...(groups.get(open) ?? []), t]);
      }
      expect(status).toBe(200);
      const candles = body as Record<string, unknown>[];
      expect(candles.map(exactVolumes)).toEqual(
        [...groups].map(([openTime, group]): unknown =>
          expect.objectContaining({ openTime, ...expectedFigures(group) }),
        ),
      );
      expect(candles).toHaveLength(interval === '1m' ? 7 : 2);
    },
  );

  it('serves all time from the day windows: the old trade is in all, not in 24h', async () => {
    const all = await json(`/v1/stats?pair=${symbol}&window=all`);
    const day = await json(`/v1/stats?pair=${symbol}&window=24h`);

    const last = sent[sent.length - 1].tradeTime;
    expect(all).toEqual({
      status: 200,
      body: expect.objectContaining({
        pair: symbol,
        window: 'all',
        windowStart: old.tradeTime - (old.tradeTime % MINUTE),
        windowEnd: last - (last % MINUTE) + MINUTE,
        ...expectedFigures([old, ...sent]),
      }) as unknown,
    });
    expect(day.body).toEqual(
      expect.objectContaining({ window: '24h', ...expectedFigures(sent) }) as unknown,
    );
    // Other suites of the run publish to the same topic, so all time ranks their pairs too.
    expect(await json('/v1/top?window=all')).toEqual({
      status: 200,
      body: expect.arrayContaining([
        { pair: symbol, market: 'spot', quoteVolume: expectedFigures([old, ...sent]).quoteVolume },
      ]) as unknown,
    });
  });

  it.each([
    [
      `/v1/candles?pair=X1&interval=2m&from=0&to=5`,
      'interval',
      'interval must be one of 1m, 5m, 15m, 1h',
    ],
    [`/v1/candles?pair=X1&to=5`, 'from', 'from must be an integer of milliseconds since the epoch'],
    [`/v1/candles?pair=X1&from=10&to=5`, 'to', 'to must be after from'],
    ['/v1/stats?pair=X1&window=forever', 'window', 'window must be one of 1m, 1h, 24h, all'],
    ['/v1/top?window=week', 'window', 'window must be one of 1h, 24h, all'],
  ])('refuses %s with 400 naming %s', async (path, parameter, message) => {
    const { status, body } = await json(path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ parameter, message });
  });
});
