import { AppProcess } from '../../../test/support/app-process';
import { WsTestClient } from '../../../test/support/ws-test-client';
import { closeOf } from './support/close-of';
import { GatewayUnderTest } from './support/gateway-under-test';

const KEY = 'e2e-key-1';
const ALLOWED = 'http://allowed.example';

/**
 * REST `/v1` refusals end to end: every 400 names its parameter, unknown symbols and pairs get 404,
 * API keys (401), allowed origins (CORS and WebSocket) and the rate limit (429).
 */
describe('gateway REST /v1 refusals and access control', () => {
  let gateway: GatewayUnderTest;
  const get = (path: string, headers: Record<string, string> = { 'x-api-key': KEY }) =>
    fetch(`${gateway.url}${path}`, { headers });
  const json = async (path: string) => {
    const response = await get(path);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    gateway = await GatewayUnderTest.start({
      API_KEYS: `other-key,${KEY}`,
      ALLOWED_ORIGINS: ALLOWED,
      RATE_LIMIT_PER_MINUTE: '60',
    });
  }, 90_000);

  afterAll(async () => {
    await gateway?.stop();
    await AppProcess.stopAll();
  });

  it.each([
    ['/v1/ticker/btcusdt', 'symbol', 'symbol must be an upper-case symbol such as BTCUSDT'],
    ['/v1/book/BTCUSDT?depth=0', 'depth', 'depth must be an integer from 1 to 1000'],
    ['/v1/book/BTCUSDT?depth=abc', 'depth', 'depth must be an integer from 1 to 1000'],
    ['/v1/book/BTCUSDT?depth=1001', 'depth', 'depth must be an integer from 1 to 1000'],
    ['/v1/trades/BTCUSDT?limit=101', 'limit', 'limit must be an integer from 1 to 100'],
    ['/v1/trades/BTCUSDT?limit=1.5', 'limit', 'limit must be an integer from 1 to 100'],
    ['/v1/stats?pair=BTCUSDT&window=2h', 'window', 'window must be one of 1m, 1h, 24h, all'],
    ['/v1/stats?window=1h', 'pair', 'pair must be a symbol or a pair such as WETH/USDC'],
    ['/v1/stats?pair=BTC%20USDT', 'pair', 'pair must be a symbol or a pair such as WETH/USDC'],
    ['/v1/top?limit=0', 'limit', 'limit must be an integer from 1 to 100'],
    ['/v1/top?window=1w', 'window', 'window must be one of 1h, 24h, all'],
    ['/v1/top?window=1m', 'window', 'window must be one of 1h, 24h, all'],
    [
      '/v1/candles?pair=BTCUSDT&to=1',
      'from',
      'from must be an integer of milliseconds since the epoch',
    ],
    [
      '/v1/candles?pair=BTCUSDT&from=1',
      'to',
      'to must be an integer of milliseconds since the epoch',
    ],
    ['/v1/candles?pair=BTCUSDT&from=5&to=5', 'to', 'to must be after from'],
    [
      '/v1/candles?pair=BTCUSDT&from=0&to=86400001',
      'to',
      'to must be at most 1440 intervals of 1m after from',
    ],
    [
      '/v1/candles?pair=BTCUSDT&interval=3m&from=0&to=60000',
      'interval',
      'interval must be one of 1m, 5m, 15m, 1h',
    ],
  ])('GET %s → 400 naming %s', async (path, parameter, message) => {
    expect(await json(path)).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', parameter, message },
    });
  });

  it.each([
    ['/v1/ticker/NOSUCH', 'unknown symbol NOSUCH'],
    ['/v1/book/NOSUCH', 'unknown symbol NOSUCH'],
    ['/v1/trades/NOSUCH', 'unknown symbol NOSUCH'],
    ['/v1/stats?pair=NOSUCH&window=1m', 'no statistics for pair NOSUCH in window 1m'],
    ['/v1/candles?pair=NOSUCH&from=0&to=60000', 'unknown pair NOSUCH'],
  ])('GET %s → 404', async (path, message) => {
    expect(await json(path)).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message },
    });
  });

  it.each([
    ['no key', {}],
    ['a wrong key', { 'x-api-key': 'e2e-key-2' }],
  ])('answers 401 to %s', async (_case, headers: Record<string, string>) => {
    const response = await get('/v1/ticker/BTCUSDT', headers);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'missing or invalid API key (send it as x-api-key)',
    });
  });

  it('accepts the key as ?apiKey= too, and leaves health and docs open', async () => {
    expect((await get(`/v1/markets?apiKey=${KEY}`, {})).status).toBe(200);
    expect((await get('/health/live', {})).status).toBe(200);
    expect((await get('/docs-json', {})).status).toBe(200);
  });

  it('sends CORS headers to allowed origins only', async () => {
    const allowed = await get('/v1/markets', { 'x-api-key': KEY, origin: ALLOWED });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const other = await get('/v1/markets', { 'x-api-key': KEY, origin: 'http://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('closes WebSockets without a key or from a foreign origin with 1008', async () => {
    expect(await closeOf(gateway.wsUrl)).toEqual({
      code: 1008,
      reason: 'unauthorized: missing or invalid API key',
    });
    expect(await closeOf(`${gateway.wsUrl}?apiKey=wrong`)).toEqual({
      code: 1008,
      reason: 'unauthorized: missing or invalid API key',
    });
    expect(await closeOf(`${gateway.wsUrl}?apiKey=${KEY}`, 'http://evil.example')).toEqual({
      code: 1008,
      reason: 'origin not allowed',
    });

    const client = await WsTestClient.connect(`${gateway.wsUrl}?apiKey=${KEY}`);
    client.send({ op: 'ping', id: 1 });
    const [pong] = await client.waitFor((frame) => frame.type === 'pong');
    expect(pong.id).toBe(1);
    await client.close();
  });

  // Last: it spends the rest of the minute's allowance.
  it('answers 429 once the rate limit is spent', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61 && !statuses.includes(429); i++)
      statuses.push((await get('/v1/markets')).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
  });
});
