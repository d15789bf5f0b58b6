import {
  ALL_TOPICS,
  MARKET_TOPIC,
  STATS_UPDATE_TOPIC,
  StatsUpdateEvent,
  TRADE_TOPIC,
  TradeEvent,
} from '@app/contracts';
import { compareDecimals, decimalsOfStep, roundDecimal } from '@app/decimal';
import { Browser, chromium, Page } from 'playwright-core';
import { type KafkaCluster, startKafkaCluster } from '../../../tools/kafka/kafka-cluster';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { REDIS_URL, DATABASE_URL } from '../../../test/support/services';
import { Candle } from '../src/market-data/candles';
import { GatewayUnderTest } from './support/gateway-under-test';
import { events, MarketFeed } from './support/market-feed';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = '/tmp/marketstream-dashboard.png';
const MINUTE = 60_000;
/** DASHUSDT's grid as exchangeInfo pads it: prices in cents, sizes in thousandths. */
const TICK = '0.01000000';
const STEP = '0.00100000';
const price = (value: string) => roundDecimal(value, decimalsOfStep(TICK));
const size = (value: string) => roundDecimal(value, decimalsOfStep(STEP));
const utcMinute = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/**
 * The dashboard in real headless Chromium against the built gateway and the built aggregator, on a
 * broker of its own (the aggregator reads the trade topic from the start, which the shared broker
 * fills with every other test's trades). The test publishes what the producer and the orderbook
 * service would (the catalog listing, trades, books); the aggregator turns trades into statistics,
 * stored minutes and the `markets` hash; the gateway serves REST and the WebSocket.
 */
describe('gateway dashboard', () => {
  let broker: KafkaCluster;
  let gateway: GatewayUnderTest;
  let feed: MarketFeed;
  let stream: { stop: () => Promise<void> } | undefined;
  let browser: Browser;
  let dexTimer: NodeJS.Timeout;
  const minute = Date.now() - (Date.now() % MINUTE);
  /** A minute the aggregator committed before the page opened: only REST /v1/candles has it. */
  const storedMinute = minute - 5 * MINUTE;
  /** Its trades: average price 401.26 / 4 = 100.315, shown at the tick as 100.32 (half up). */
  const storedTrades = [
    ['100.10', '1.25'],
    ['100.61', '1'],
    ['100.05', '2'],
    ['100.50', '1'],
  ].map(([tradePrice, qty], i): TradeEvent => ({
    ...events.trade('DASHUSDT', 1 + i, storedMinute + (i + 1) * 10_000 + 3),
    price: tradePrice,
    qty,
  }));

  const rest = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${gateway.url}${path}`);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const candlesPath = () => {
    const to = Date.now();
    return `/v1/candles?pair=DASHUSDT&interval=1m&from=${to - 60 * MINUTE}&to=${to}`;
  };
  /** What the page backfills from, once the stream has stopped and the aggregator has caught up. */
  const settledRest = async () => {
    let previous = '';
    for (let i = 0; i < 60; i++) {
      const now = JSON.stringify([
        await rest<Candle[]>(candlesPath()),
        await rest<StatsUpdateEvent>('/v1/stats?pair=DASHUSDT&window=1m'),
      ]);
      if (now === previous) return;
      previous = now;
      await sleep(1000);
    }
    throw new Error('REST kept changing after the feed stopped');
  };

  beforeAll(async () => {
    broker = await startKafkaCluster({
      topics: Object.fromEntries(ALL_TOPICS.map((topic) => [topic.name, topic.partitions])),
    });
    gateway = await GatewayUnderTest.start({ KAFKA_BROKERS: broker.bootstrap });
    const aggregatorPort = await freePort();
    AppProcess.start('aggregator', {
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_CLIENT_PREFIX: gateway.schema,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      REDIS_URL,
      CACHE_KEY_PREFIX: gateway.cachePrefix,
      DATABASE_URL,
      DATABASE_SCHEMA: gateway.schema,
      PORT: String(aggregatorPort),
    });
    await waitForStatus(`http://127.0.0.1:${aggregatorPort}/health/ready`, 200, 60_000);
    feed = await MarketFeed.connect([broker.bootstrap]);
    await feed.publish(MARKET_TOPIC, [events.market('DASHUSDT', TICK, STEP)]);
    await feed.publish(TRADE_TOPIC, storedTrades);
    // Trade ids go on from the stored minute's, as the exchange's do (the aggregator drops a trade
    // id at or below the symbol's highest counted one as a repeat).
    stream = feed.stream('DASHUSDT', 100, storedTrades.length + 1, { stats: false });
    // DEX swap stats as the aggregator publishes them, repeated until taken in.
    const publishDex = () =>
      feed.publish(STATS_UPDATE_TOPIC, [
        events.stats('WETH/USDC', '1h', minute, { tradeCount: 42, quoteVolume: '123456.789' }),
      ]);
    dexTimer = setInterval(() => void publishDex(), 500);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    // What the aggregator writes and the page backfills: the listing, the stored minute, live
    // minutes and recent trades. (The book in the cache is the orderbook service's, not run here.)
    for (let i = 0; ; i++) {
      const [markets, candles] = await Promise.all([
        rest<unknown[]>('/v1/markets'),
        rest<Candle[]>(candlesPath()),
      ]);
      const stored = candles.find((c) => c.openTime === storedMinute);
      if (markets.length && stored?.tradeCount === 4 && candles.length > 1) break;
      if (i === 240)
        throw new Error(`the aggregator wrote no catalog or minutes: ${gateway.process.logs}`);
      await sleep(250);
    }
  }, 150_000);

  afterAll(async () => {
    clearInterval(dexTimer);
    await browser?.close();
    await stream?.stop();
    await feed?.close();
    await AppProcess.stopAll();
    await broker?.stop();
  });

  /** A page whose WebSocket reaches the gateway only once `live.allowed` is set. */
  const openPage = async (live: { allowed: boolean }, problems: string[]): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (message) => {
      // A 404 is an answer (no book or no DEX window yet), which the browser logs as an error.
      if (message.type() === 'error' && !message.text().includes('status of 404')) {
        problems.push(message.text());
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.routeWebSocket(/\/ws/, (ws) => {
      if (live.allowed) ws.connectToServer();
    });
    return page;
  };
  /** The text of each cell, row by row. */
  const cells = async (page: Page, rows: string): Promise<string[][]> => {
    const list = page.locator(rows);
    const count = await list.count();
    return Promise.all(
      Array.from({ length: count }, (_, i) => list.nth(i).locator('td').allTextContents()),
    );
  };

  it('backfills charts and tables from REST, every figure at the tick and step size', async () => {
    await stream?.stop();
    stream = undefined;
    await settledRest();
    const problems: string[] = [];
    const page = await openPage({ allowed: false }, problems);
    await page.goto(`${gateway.url}/?symbol=DASHUSDT`);
    // Browser-side expressions (strings: this file is compiled without the DOM library).
    await page.waitForFunction('window.dashboard.backfilled !== null', undefined, {
      timeout: 30_000,
    });
    const candles = await rest<Candle[]>(candlesPath());
    const trades = await rest<TradeEvent[]>('/v1/trades/DASHUSDT?limit=100');
    const latest = await rest<StatsUpdateEvent>('/v1/stats?pair=DASHUSDT&window=1m');

    // The stored minute, exactly: REST has the aggregator's average, the page the tick's cents.
    const storedCandle = candles.find((c) => c.openTime === storedMinute)!;
    expect([storedCandle.avgPrice, storedCandle.baseVolume]).toEqual(['100.315', '5.25']);
    const rows = await cells(page, '#minutes tr');
    expect(rows).toContainEqual([
      utcMinute(storedMinute),
      ...['100.10', '100.61', '100.05', '100.50', '5.250', '4', '100.32'],
    ]);
    // Every minute REST has, newest first, as REST says it, at the tick and step size.
    expect(rows).toEqual(
      [...candles]
        .reverse()
        .map((c) => [
          utcMinute(c.openTime),
          ...[c.open, c.high, c.low, c.close].map(price),
          size(c.baseVolume),
          String(c.tradeCount),
          price(c.avgPrice!),
        ]),
    );
    expect(await page.textContent('#minute-avg')).toBe(price(latest.avgPrice));
    expect(await page.textContent('#minute-volume')).toBe(size(latest.baseVolume));
    expect(await page.textContent('#minute-trades')).toBe(String(latest.tradeCount));
    expect(trades.length).toBeGreaterThan(0);
    const byTime = [...trades].sort((a, b) => a.tradeTime - b.tradeTime);
    expect(await page.textContent('#last-price')).toBe(price(byTime.at(-1)!.price));

    // No empty chart: a bar per REST candle, the price line from candles and trades.
    type Backfilled = { pricePoints: number; volumeBars: number; minutes: number };
    const backfilled = await page.evaluate<Backfilled>('window.dashboard.backfilled');
    expect(backfilled.volumeBars).toBe(candles.length);
    expect(backfilled.minutes).toBe(candles.length);
    // The price line: each minute's close until the oldest recent trade, then the trades.
    const oldestTrade = byTime[0].tradeTime;
    const closes = candles.filter((c) => c.openTime < oldestTrade).map((c) => c.openTime);
    expect(closes.length).toBeGreaterThan(0);
    // One point per second: the latest price of a second wins.
    const seconds = new Set(
      [...closes, ...byTime.map((t) => t.tradeTime)].map((ms) => ms - (ms % 1000)),
    );
    expect(backfilled.pricePoints).toBe(seconds.size);
    expect(await page.locator('#price-chart canvas').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('then goes live: the chart, the book with bid < ask, the minute from the aggregator', async () => {
    stream = feed.stream('DASHUSDT', 100, 10_000, { stats: false });
    const problems: string[] = [];
    const page = await openPage({ allowed: true }, problems);
    await page.goto(`${gateway.url}/?symbol=DASHUSDT`);
    const live =
      'window.dashboard.tradesSeen && window.dashboard.pricePoints >= window.dashboard.backfilled.pricePoints + 5 && window.dashboard.bookUpdates >= 3';
    await page.waitForFunction(live, undefined, { timeout: 45_000 });

    expect(await page.textContent('#symbol-title')).toBe('DASHUSDT');
    expect(await page.textContent('#status')).toBe('live');
    const [bestBid, bestAsk] = [
      (await page.textContent('#bids tr:first-child td:nth-child(2)'))!,
      (await page.textContent('#asks tr:first-child td:first-child'))!,
    ];
    expect([bestBid, bestAsk]).toEqual(['99.99', '100.01']);
    expect(compareDecimals(bestBid, bestAsk)).toBeLessThan(0);
    expect(await page.locator('#bids tr').count()).toBe(20);
    expect((await cells(page, '#bids tr'))[0]).toEqual(['1.000', '99.99']);
    expect(await page.textContent('#spread')).toBe('0.02');
    // The DEX pair has no exchange grid in the catalog: eight decimals.
    await page.locator('#dex tr').first().waitFor({ timeout: 30_000 });
    expect(await cells(page, '#dex tr')).toEqual([
      ['1h', '42', '3.50000000', '123456.78900000', '100.20000000'],
    ]);
    expect(await page.textContent('#last-price')).toMatch(/^100\.\d\d$/);
    // The aggregator's live average has up to 18 decimals; the page shows cents.
    expect(await page.textContent('#minute-avg')).toMatch(/^100\.\d\d$/);

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
