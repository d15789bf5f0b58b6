import { BOOK_TICKER_TOPIC, DEAD_LETTER_TOPIC } from '@app/contracts';
import { type KafkaCluster, startKafkaCluster } from '../../../tools/kafka/kafka-cluster';
import { AppProcess, freePort, sleep, waitForStatus } from '../../../test/support/app-process';
import { uniqueRunId } from '../../../test/support/run-id';
import { DATABASE_URL, REDIS_URL } from '../../../test/support/services';
import { WsTestClient } from '../../../test/support/ws-test-client';

const DECIMAL = /^\d+\.\d+$/;

/**
 * The first slice end to end: the built producer reads bookTicker from its built-in simulator and
 * publishes to Kafka (the test broker); the built gateway consumes and pushes to a real WebSocket
 * client. This file owns its broker so it can take it down and bring it back.
 */
describe('bookTicker: producer → Kafka → gateway → WebSocket', () => {
  let broker: KafkaCluster;
  let producer: AppProcess;
  let gateway: AppProcess;
  let gatewayUrl: string;

  beforeAll(async () => {
    broker = await startKafkaCluster({
      topics: {
        [BOOK_TICKER_TOPIC.name]: BOOK_TICKER_TOPIC.partitions,
        [DEAD_LETTER_TOPIC.name]: 1,
      },
    });
    const common = {
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_CLIENT_PREFIX: uniqueRunId('e2e'),
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    };
    const [producerPort, gatewayPort] = [await freePort(), await freePort()];
    producer = AppProcess.start('producer', {
      ...common,
      PORT: String(producerPort),
      SYMBOLS: 'BTCUSDT,ETHUSDT',
      SIM_EVENTS_PER_SECOND: '20',
    });
    gateway = AppProcess.start('gateway', {
      ...common,
      PORT: String(gatewayPort),
      REDIS_URL,
      CACHE_KEY_PREFIX: `${uniqueRunId('e2e')}:`,
      DATABASE_URL,
      DATABASE_SCHEMA: uniqueRunId('e2e'),
    });
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitForStatus(`http://127.0.0.1:${producerPort}/health/ready`, 200);
    await waitForStatus(`${gatewayUrl}/health/ready`, 200);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([producer?.stop(), gateway?.stop()]);
    await AppProcess.stopAll();
    await broker?.stop();
  });

  it('pushes ticker updates in order, with per-channel sequence numbers and both timestamps', async () => {
    const client = await WsTestClient.connect(`${gatewayUrl.replace('http', 'ws')}/ws`);
    client.send({ op: 'subscribe', channel: 'ticker:BTCUSDT', id: 'sub-1' });
    const [ack] = await client.waitFor((frame) => frame.type === 'ack');
    expect(ack).toEqual({ type: 'ack', op: 'subscribe', channel: 'ticker:BTCUSDT', id: 'sub-1' });

    // The gateway joins its group and starts at the latest offset, so allow time for the first frames.
    const frames = await client.waitFor((frame) => frame.type === 'update', 30, 45_000);
    await client.close();

    const seqs = frames.map((frame) => frame.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i)); // consecutive: nothing lost, nothing reordered
    // The gateway starts at the latest offset: until its first bookTicker the channel has only the
    // 24 h half (best bid/ask null). Those leading frames carry the 24 h figures.
    const firstBook = frames.findIndex(
      (frame) => (frame.data as { updateId: unknown }).updateId !== null,
    );
    expect(firstBook).toBeGreaterThanOrEqual(0);
    for (const frame of frames.slice(0, firstBook)) {
      const data = frame.data as Record<string, unknown>;
      expect([data.bidPrice, data.askPrice]).toEqual([null, null]);
      expect(data.lastPrice).toMatch(DECIMAL);
    }
    const booked = frames.slice(firstBook);
    const updateIds = booked.map((frame) => (frame.data as { updateId: number }).updateId);
    expect([...updateIds].sort((a, b) => a - b)).toEqual(updateIds);
    // ticker: merges bookTicker with the 24 h ticker: an id repeats only on a 24 h update.
    updateIds.forEach((id, i) => {
      if (i > 0 && id === updateIds[i - 1]) {
        expect((booked[i].data as { lastPrice: unknown }).lastPrice).toMatch(DECIMAL);
      }
    });
    expect(new Set(updateIds).size).toBeGreaterThan(1);
    for (const frame of booked) {
      expect(frame.channel).toBe('ticker:BTCUSDT');
      const data = frame.data as Record<string, unknown>;
      expect(data.symbol).toBe('BTCUSDT');
      for (const field of ['bidPrice', 'bidQty', 'askPrice', 'askQty'])
        expect(data[field]).toMatch(DECIMAL);
      expect(BigInt((data.bidPrice as string).replace('.', ''))).toBeLessThan(
        BigInt((data.askPrice as string).replace('.', '')),
      );
      expect(typeof frame.exchangeTime).toBe('number');
      expect(typeof frame.producedAt).toBe('number');
      expect(frame.producedAt as number).toBeGreaterThanOrEqual(frame.exchangeTime as number);
    }
  }, 60_000);

  it('turns not ready when the broker goes down, and recovers fully when it returns', async () => {
    await broker.kill(1);
    await waitForStatus(`${gatewayUrl}/health/ready`, 503, 30_000);
    const body = (await (await fetch(`${gatewayUrl}/health/ready`)).json()) as Record<
      string,
      unknown
    >;
    expect(body.status).toBe('error');
    expect(Object.keys(body.error as object)).toEqual(['kafka']);
    // Liveness is the process only: a broker outage must not get the pod restarted.
    expect((await fetch(`${gatewayUrl}/health/live`)).status).toBe(200);
    await sleep(3000); // long enough for producer and consumer requests to fail and retry

    await broker.start(1);
    const backAt = Date.now();
    await waitForStatus(`${gatewayUrl}/health/ready`, 200, 30_000);

    // Producer and gateway both reconnect on their own: events published after the outage flow again.
    const client = await WsTestClient.connect(`${gatewayUrl.replace('http', 'ws')}/ws`);
    client.send({ op: 'subscribe', channel: 'ticker:ETHUSDT' });
    const fresh = await client.waitFor(
      (frame) => frame.type === 'update' && (frame.producedAt as number) > backAt,
      5,
      45_000,
    );
    await client.close();
    expect(fresh.map((frame) => frame.channel)).toEqual(Array(5).fill('ticker:ETHUSDT'));
  }, 120_000);

  it('serves Swagger UI and the OpenAPI document', async () => {
    const ui = await fetch(`${gatewayUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const document = (await (await fetch(`${gatewayUrl}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/health/live', '/health/ready', '/metrics', '/v1/ticker/{symbol}']),
    );
  });
});
