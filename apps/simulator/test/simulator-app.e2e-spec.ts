import { AppProcess, freePort } from '../../../test/support/app-process';

/** The built simulator app (`npm run start:simulator`) as a deployment starts it. */
describe('simulator app', () => {
  afterAll(() => AppProcess.stopAll());

  it('prints its URL, serves the configured symbols and answers health probes free of weight', async () => {
    const port = await freePort();
    const app = AppProcess.start('simulator', { PORT: String(port), SYMBOLS: 'SOLUSDT,BTCUSDT' });
    await app.waitForOutput(new RegExp(`^http://127\\.0\\.0\\.1:${port}$`, 'm'), 20_000);
    const base = `http://127.0.0.1:${port}`;

    const info = await fetch(`${base}/api/v3/exchangeInfo`);
    expect(info.status).toBe(200);
    const symbols = ((await info.json()) as { symbols: { symbol: string }[] }).symbols;
    expect(symbols.map((entry) => entry.symbol)).toEqual(['SOLUSDT', 'BTCUSDT']);
    expect(info.headers.get('x-mbx-used-weight-1m')).toBe('20');

    for (const path of ['/health/live', '/health/ready']) {
      const health = await fetch(`${base}${path}`);
      expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
      expect(health.headers.get('x-mbx-used-weight-1m')).toBeNull();
    }
    expect(await app.stop()).toBe(0);
  }, 30_000);

  it('exits with status 78 naming each bad variable', async () => {
    const app = AppProcess.start('simulator', { PORT: '70000', SYMBOLS: 'BTC-USDT' });
    expect(await app.waitForExit()).toBe(78);
    expect(app.logs.trim().split('\n')).toEqual([
      'Invalid environment:',
      '  PORT must be an integer from 1 to 65535 (got "70000")',
      '  SYMBOLS must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT, or * (every trading symbol), or *USDT (every one quoted in USDT) (got "BTC-USDT")',
    ]);
  }, 30_000);
});
