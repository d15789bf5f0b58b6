import { ALL_TOPICS } from '@app/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type KafkaCluster, startKafkaCluster } from '../../../tools/kafka/kafka-cluster';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { RECORDINGS } from '../../../test/support/recordings';
import { uniqueRunId } from '../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../test/support/services';
import { WsTestClient } from '../../../test/support/ws-test-client';

const DAY = join(RECORDINGS, 'binance-spot', '2021-08-14');

interface RecordedSymbol {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  filters: { filterType: string; tickSize?: string; stepSize?: string }[];
}

/** What `/v1/markets` must say of a symbol, read straight from the recorded exchangeInfo file. */
function recordedMarket(symbol: string): Record<string, unknown> {
  const info = JSON.parse(
    gunzipSync(readFileSync(join(DAY, 'exchangeInfo.json.gz'))).toString('utf8'),
  ) as { symbols: RecordedSymbol[] };
  const listed = info.symbols.find((s) => s.symbol === symbol)!;
  const filter = (type: string) => listed.filters.find((f) => f.filterType === type)!;
  return {
    source: 'replay',
    symbol,
    status: listed.status,
    baseAsset: listed.baseAsset,
    quoteAsset: listed.quoteAsset,
    tickSize: filter('PRICE_FILTER').tickSize,
    stepSize: filter('LOT_SIZE').stepSize,
    // This recording holds no <symbol>@ticker stream: no 24 h figures to show.
    lastPrice: null,
    volume: null,
    quoteVolume: null,
    exchangeTime: null,
    priority: symbol === 'FTMUSDT', // PRIORITY_SYMBOLS below
    followed: true,
    producedAt: expect.any(Number) as unknown,
  };
}

/**
 * The markets catalog with its real writers: the built producer replays a recorded day (its
 * exchangeInfo included) and publishes md.market.v1 to Kafka, the built aggregator writes the
 * `markets` hash in Redis, the built gateway answers `/v1/markets` over HTTP. The expected values
 * are read from the recording's own exchangeInfo file. This file owns its broker, so no other
 * test's producer adds markets to the topic.
 */
describe('GET /v1/markets: producer → md.market.v1 → aggregator → Redis → gateway', () => {
  let broker: KafkaCluster;
  let gatewayUrl: string;
  const schema = uniqueRunId('e2e').toLowerCase();

  beforeAll(async () => {
    broker = await startKafkaCluster({
      topics: Object.fromEntries(ALL_TOPICS.map((topic) => [topic.name, topic.partitions])),
    });
    const common = {
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_CLIENT_PREFIX: schema,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      REDIS_URL,
      CACHE_KEY_PREFIX: `${schema}:`,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
    };
    const [producerPort, aggregatorPort, gatewayPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    AppProcess.start('aggregator', { ...common, PORT: String(aggregatorPort) });
    AppProcess.start('gateway', { ...common, PORT: String(gatewayPort) });
    AppProcess.start('producer', {
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_CLIENT_PREFIX: schema,
      PORT: String(producerPort),
      MARKET_SOURCE: 'replay',
      REPLAY_DIR: DAY,
      REPLAY_SPEED: '100',
      DEX_SOURCE: 'off',
      PRIORITY_SYMBOLS: 'FTMUSDT',
      MARKETS_REFRESH_MS: '500',
    });
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitForStatus(`http://127.0.0.1:${aggregatorPort}/health/ready`, 200, 60_000);
    await waitForStatus(`${gatewayUrl}/health/ready`, 200, 60_000);
    await waitForStatus(`http://127.0.0.1:${producerPort}/health/ready`, 200, 60_000);
  }, 150_000);

  afterAll(async () => {
    await AppProcess.stopAll();
    await broker?.stop();
  });

  const get = async (path: string) => {
    const response = await fetch(`${gatewayUrl}${path}`);
    return { status: response.status, body: await response.json() };
  };

  it("lists every recorded symbol, sorted, with the recording's own exchangeInfo values", async () => {
    const expected = ['BADGERBTC', 'FTMUSDT', 'SXPBTC', 'XMRBTC'].map(recordedMarket);
    let answer = await get('/v1/markets');
    for (let i = 0; i < 240 && (answer.body as unknown[]).length < expected.length; i++) {
      await sleep(250);
      answer = await get('/v1/markets');
    }

    expect(answer).toEqual({ status: 200, body: expected });
    // Exact decimal strings as the exchange wrote them, e.g. BADGERBTC's step of one hundredth.
    expect((answer.body as { stepSize: string }[])[0].stepSize).toBe('0.01000000');
  }, 90_000);

  it('narrows the list to one quote asset and one status', async () => {
    const symbols = async (query: string) =>
      ((await get(`/v1/markets?${query}`)).body as { symbol: string }[]).map((m) => m.symbol);

    expect(await symbols('quote=BTC')).toEqual(['BADGERBTC', 'SXPBTC', 'XMRBTC']);
    expect(await symbols('quote=USDT')).toEqual(['FTMUSDT']);
    expect(await symbols('status=TRADING')).toEqual(['BADGERBTC', 'FTMUSDT', 'SXPBTC', 'XMRBTC']);
    expect(await symbols('status=HALT')).toEqual([]);
    expect(await symbols('quote=USDT&status=TRADING')).toEqual(['FTMUSDT']);
  });

  it('answers 400 naming a bad quote or status', async () => {
    expect(await get('/v1/markets?quote=usdt')).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        parameter: 'quote',
        message: 'quote must be an upper-case asset such as USDT',
      },
    });
    expect(await get('/v1/markets?status=OPEN')).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        parameter: 'status',
        message:
          'status must be one of PRE_TRADING, TRADING, POST_TRADING, END_OF_DAY, HALT, AUCTION_MATCH, BREAK',
      },
    });
  });

  it('sends the whole catalog as the snapshot of the markets WebSocket channel', async () => {
    const client = await WsTestClient.connect(`${gatewayUrl.replace('http', 'ws')}/ws`);
    client.send({ op: 'subscribe', channel: 'markets', id: 1 });
    const [ack, snapshot] = await client.waitFor(() => true, 2);
    await client.close();

    expect(ack).toEqual({ type: 'ack', op: 'subscribe', channel: 'markets', id: 1 });
    expect(snapshot).toMatchObject({
      type: 'snapshot',
      channel: 'markets',
      exchangeTime: null,
      data: ['BADGERBTC', 'FTMUSDT', 'SXPBTC', 'XMRBTC'].map(recordedMarket),
    });
  });
});
