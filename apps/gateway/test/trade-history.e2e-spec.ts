import { TRADE_TOPIC, TradeEvent } from '@app/contracts';
import { randomBytes } from 'node:crypto';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../test/support/services';
import { GatewayUnderTest } from './support/gateway-under-test';
import { events, MarketFeed } from './support/market-feed';

const HOUR = 3_600_000;

/** A decimal without trailing fractional zeros, as the aggregator stores it ("100.10" → "100.1"). */
function trimmed(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}

/** price × qty exactly, as decimal text with the sum of both scales. */
function exactProduct(price: string, qty: string): string {
  const scale = (text: string) => text.split('.')[1]?.length ?? 0;
  const digits = (BigInt(price.replace('.', '')) * BigInt(qty.replace('.', ''))).toString();
  const places = scale(price) + scale(qty);
  if (places === 0) return digits;
  const padded = digits.padStart(places + 1, '0');
  return `${padded.slice(0, -places)}.${padded.slice(-places)}`;
}

/**
 * GET /v1/trades/{symbol}/history end to end: the real aggregator counts trades from Kafka (one of
 * them delivered twice, one outside the range asked), and the gateway pages through what it stored
 * in Postgres. Compared with the trades sent, computed here.
 */
describe('gateway REST /v1/trades/{symbol}/history (aggregator → Postgres → gateway)', () => {
  const symbol = `H${randomBytes(3).toString('hex').toUpperCase()}USDT`;
  const base = Date.now() - 2 * HOUR - ((Date.now() - 2 * HOUR) % 60_000);
  let gateway: GatewayUnderTest;
  let feed: MarketFeed;

  /** 250 trades over three minutes, prices and quantities of several scales. */
  const sent: TradeEvent[] = Array.from({ length: 250 }, (_, i) => ({
    ...events.trade(symbol, 5000 + i, base + i * 700),
    price: ['100.10', '99.995', '101', '100.0001'][i % 4],
    qty: ['0.00123', '2', '0.5', '12.340'][i % 3],
    tradeTime: base + i * 700,
    buyerIsMaker: i % 3 === 0,
  }));
  const outside = { ...sent[0], tradeId: 4999, tradeTime: base - 1 };

  beforeAll(async () => {
    gateway = await GatewayUnderTest.start();
    const port = await freePort();
    const schema = gateway.schema;
    AppProcess.start('aggregator', {
      PORT: String(port),
      KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS ?? '',
      KAFKA_CLIENT_PREFIX: uniqueRunId('hist'),
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      REDIS_URL,
      CACHE_KEY_PREFIX: gateway.cachePrefix,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
    });
    await waitForStatus(`http://127.0.0.1:${port}/health/ready`, 200);
    feed = await MarketFeed.connect(process.env.TEST_KAFKA_BROKERS!.split(','));
    await feed.publish(TRADE_TOPIC, [outside, ...sent.slice(0, 120)]);
    await feed.publish(TRADE_TOPIC, [sent[100], ...sent.slice(120)]); // trade 5100 redelivered
  }, 120_000);

  afterAll(async () => {
    await feed?.close();
    await AppProcess.stopAll();
  });

  async function page(query: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${gateway.url}/v1/trades/${symbol}/history?${query}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('pages through every counted trade of the range once, oldest first, exact', async () => {
    const range = `from=${base}&to=${base + 3 * 60_000}`;
    // The aggregator commits asynchronously: wait until its ledger holds every trade sent.
    const deadline = Date.now() + 60_000;
    const stored = async () =>
      ((await page(`${range}&limit=1000`)).body.trades as unknown[]).length;
    while ((await stored()) < sent.length && Date.now() < deadline) await sleep(250);

    const received: unknown[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await page(`${range}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      sizes.push((body.trades as unknown[]).length);
      received.push(...(body.trades as unknown[]));
      cursor = body.next as string | null;
    } while (cursor);

    expect(sizes).toEqual([100, 100, 50]);
    expect(received).toEqual(
      sent.map((trade) => ({
        symbol,
        tradeId: trade.tradeId,
        kind: 'trade',
        price: trimmed(trade.price),
        quantity: trimmed(trade.qty),
        quoteQuantity: trimmed(exactProduct(trade.price, trade.qty)),
        time: trade.tradeTime,
        buyerIsMaker: trade.buyerIsMaker,
      })),
    );
  }, 90_000);

  it.each([
    ['to=2', 'from', 'from must be an integer of milliseconds since the epoch'],
    ['from=10&to=5', 'to', 'to must be after from'],
    ['from=0&to=86400001', 'to', 'to must be at most a day (86400000 ms) after from'],
    ['from=0&to=5&limit=0', 'limit', 'limit must be an integer from 1 to 1000'],
    ['from=0&to=5&cursor=bm90IGpzb24', 'cursor', 'cursor must be a next value from this endpoint'],
  ])('refuses %s with 400 naming %s', async (query, parameter, message) => {
    const { status, body } = await page(query);
    expect(status).toBe(400);
    expect(body).toMatchObject({ parameter, message });
  });
});
