import { STATS_UPDATE_TOPIC } from '@app/contracts';
import { Browser, chromium } from 'playwright-core';
import { AppProcess } from '../../../test/support/app-process';
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

  beforeAll(async () => {
    gateway = await GatewayUnderTest.start();
    feed = await MarketFeed.connect(process.env.TEST_KAFKA_BROKERS!.split(','));
    stream = feed.stream('DASHUSDT', 100);
    // Past minutes (for the table and the volume bars) and DEX swap stats, repeated until taken in.
    const minute = Date.now() - (Date.now() % MINUTE);
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
    const dexRow = await page.textContent('#dex tr');
    expect(dexRow).toContain('42');
    expect(dexRow).toContain('123456.789');

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
