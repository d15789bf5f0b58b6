import { STATS_UPDATE_TOPIC } from '@app/contracts';
import { Client } from 'pg';
import { Browser, chromium } from 'playwright-core';
import { AppProcess } from '../../../test/support/app-process';
import { DATABASE_URL } from '../../../test/support/services';
import { GatewayUnderTest } from './support/gateway-under-test';
import { events, MarketFeed } from './support/market-feed';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = '/tmp/marketstream-dashboard.png';
const MINUTE = 60_000;

/** Compares decimal strings exactly: "99.99" < "100.01". */
function decimalLess(a: string, b: string): boolean {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const scaled = (v: string) =>
    BigInt(v.split('.')[0] + (v.split('.')[1] ?? '').padEnd(scale, '0'));
  return scaled(a) < scaled(b);
}

/**
 * The dashboard in real headless Chromium against the built gateway, fed through Kafka as the
 * producer, orderbook and aggregator would feed it.
 */
describe('gateway dashboard', () => {
  let gateway: GatewayUnderTest;
  let feed: MarketFeed;
  let stream: { stop: () => Promise<void> };
  let browser: Browser;
  let dexTimer: NodeJS.Timeout;
  const minute = Date.now() - (Date.now() % MINUTE);
  /** A minute the aggregator committed before the page opened: only REST /v1/candles has it. */
  const storedMinute = minute - 5 * MINUTE;

  beforeAll(async () => {
    gateway = await GatewayUnderTest.start();
    const db = new Client({ connectionString: DATABASE_URL });
    await db.connect();
    try {
      // Four trades: price sum 401.6, so the aggregator stored avg_price 401.6 / 4 = 100.40.
      await db.query(
        `insert into ${gateway.schema}.aggregator_minute_windows
           (pair, minute_start, market, trade_count, base_volume, quote_volume, price_sum, vwap,
            open, high, low, close, avg_price, buy_volume, sell_volume)
         values ('DASHUSDT', $1, 'spot', 4, '5.25', '527.1', '401.6', '100.4',
                 '100.1', '100.6', '100.05', '100.5', '100.40', '3', '2.25')`,
        [storedMinute],
      );
    } finally {
      await db.end();
    }
    feed = await MarketFeed.connect(process.env.TEST_KAFKA_BROKERS!.split(','));
    stream = feed.stream('DASHUSDT', 100);
    // Past minutes (for the table and the volume bars) and DEX swap stats, repeated until taken in.
    const publishSlowData = () =>
      feed.publish(STATS_UPDATE_TOPIC, [
        ...[3, 2, 1].map((ago) =>
          events.stats('DASHUSDT', '1m', minute - ago * MINUTE, {
            tradeCount: 10 + ago,
            baseVolume: `${ago}.5`,
            avgPrice: `100.${ago}`,
          }),
        ),
        // The pair as the aggregator names the USDC/WETH pool (quote by priority: USDC).
        events.stats('WETH/USDC', '1h', minute, { tradeCount: 42, quoteVolume: '123456.789' }),
      ]);
    dexTimer = setInterval(() => void publishSlowData(), 500);
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
  }, 90_000);

  afterAll(async () => {
    clearInterval(dexTimer);
    await browser?.close();
    await stream?.stop();
    await feed?.close();
    await gateway?.stop();
    await AppProcess.stopAll();
  });

  it('shows the symbol, a live chart, the book with bid < ask, past minutes and DEX stats', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${gateway.url}/?symbol=DASHUSDT`);
    // Browser-side expressions (strings: this file is compiled without the DOM library).
    const live = 'window.dashboard.pricePoints >= 5 && window.dashboard.bookUpdates >= 3';
    await page.waitForFunction(live, undefined, { timeout: 45_000 });
    const tables =
      "document.querySelectorAll('#minutes tr').length >= 3 && document.querySelectorAll('#dex tr').length >= 1";
    await page.waitForFunction(tables, undefined, { timeout: 30_000 });

    expect(await page.textContent('#symbol-title')).toBe('DASHUSDT');
    expect(await page.textContent('#status')).toBe('live');
    const bestBid = (await page.textContent('#bids tr:first-child td:nth-child(2)'))!;
    const bestAsk = (await page.textContent('#asks tr:first-child td:first-child'))!;
    expect([bestBid, bestAsk]).toEqual(['99.99', '100.01']);
    expect(decimalLess(bestBid, bestAsk)).toBe(true);
    expect(await page.locator('#bids tr').count()).toBe(20);
    expect(await page.textContent('#spread')).toBe('0.02');
    expect(await page.textContent('#last-price')).toMatch(/^100\.\d\d$/);
    expect(await page.locator('#price-chart canvas').count()).toBeGreaterThan(0);
    const minuteRows = await page.locator('#minutes tr').allTextContents();
    expect(minuteRows.length).toBeGreaterThanOrEqual(3);
    expect(minuteRows.some((row) => row.includes('1.5') && row.includes('100.1'))).toBe(true);
    // The stored minute, from REST candles, with its average price as the live stats would show it.
    const storedLabel = new Date(storedMinute).toISOString().slice(11, 16);
    const storedRow = page.locator('#minutes tr', { has: page.getByText(storedLabel) });
    await storedRow.waitFor({ timeout: 30_000 });
    expect(await storedRow.locator('td').allTextContents()).toEqual([
      storedLabel,
      '100.1',
      '100.6',
      '100.05',
      '100.5',
      '5.25',
      '4',
      '100.4',
    ]);
    const dexRow = await page.textContent('#dex tr');
    expect(dexRow).toContain('42');
    expect(dexRow).toContain('123456.789');

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
