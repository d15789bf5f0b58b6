import { WebSocket } from 'ws';
import { AppProcess } from '../../../test/support/app-process';
import { WsTestClient } from '../../../test/support/ws-test-client';
import { closeOf } from './support/close-of';
import { GatewayUnderTest } from './support/gateway-under-test';
import { MarketFeed } from './support/market-feed';

type Frame = Record<string, unknown>;

/**
 * Two gateway replicas on the same broker: each consumes every partition, so a client gets the
 * same stream whichever replica the load balancer picked.
 */
describe('gateway replicas (broadcast)', () => {
  let replicas: GatewayUnderTest[];
  let feed: MarketFeed;
  let stream: { stop: () => Promise<void> };

  beforeAll(async () => {
    const env = { WS_HEARTBEAT_MS: '1000' };
    replicas = await Promise.all([GatewayUnderTest.start(env), GatewayUnderTest.start(env)]);
    feed = await MarketFeed.connect(process.env.TEST_KAFKA_BROKERS!.split(','));
    stream = feed.stream('DUOUSDT', 50);
  }, 90_000);

  afterAll(async () => {
    await stream?.stop();
    await feed?.close();
    await Promise.all((replicas ?? []).map((replica) => replica.stop()));
    await AppProcess.stopAll();
  });

  it('gives clients of both replicas the same updates, in the same order, per channel', async () => {
    const clients = await Promise.all(
      replicas.map((replica) => WsTestClient.connect(replica.wsUrl)),
    );
    for (const client of clients) {
      client.send({ op: 'subscribe', channel: 'trades:DUOUSDT' });
      client.send({ op: 'subscribe', channel: 'book:DUOUSDT' });
    }
    await Promise.all(
      clients.map((client) => client.waitFor((f) => f.type === 'update', 60, 45_000)),
    );
    await Promise.all(clients.map((client) => client.close()));

    const ids = (frames: Frame[], channel: string, field: string) =>
      frames
        .filter((f) => f.type === 'update' && f.channel === channel)
        .map((f) => (f.data as Record<string, number>)[field]);
    for (const [channel, field] of [
      ['trades:DUOUSDT', 'tradeId'],
      ['book:DUOUSDT', 'lastUpdateId'],
    ]) {
      const [a, b] = clients.map((client) => ids(client.frames, channel, field));
      // Both joined at some point of the stream: compare from the first id both saw.
      const first = Math.max(a[0], b[0]);
      const [commonA, commonB] = [a, b].map((list) => list.filter((id) => id >= first));
      const length = Math.min(commonA.length, commonB.length);
      expect(length).toBeGreaterThan(10);
      expect(commonA.slice(0, length)).toEqual(commonB.slice(0, length));
      expect(commonA.slice(0, length)).toEqual(commonA.slice(0, length).map((_, i) => first + i));
    }
  }, 60_000);

  it('terminates a client that stops answering pings', async () => {
    const silent = new WebSocket(replicas[0].wsUrl, { autoPong: false });
    const closed = new Promise<number>((resolve) =>
      silent.once('close', (code: number) => resolve(code)),
    );
    expect(await closed).toBe(1006); // terminated: no close frame
    const metrics = await (await fetch(`${replicas[0].url}/metrics`)).text();
    expect(metrics).toContain('gateway_ws_closes_total{reason="heartbeat timeout"} 1');
  }, 30_000);

  it('closes its clients with 1001 when shut down, while the other replica goes on', async () => {
    const client = await WsTestClient.connect(replicas[1].wsUrl);
    const closing = closeOf(replicas[1].wsUrl);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await replicas[1].stop()).toBe(0);
    expect(await closing).toEqual({ code: 1001, reason: 'server shutting down' });
    expect(client.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    const survivor = await WsTestClient.connect(replicas[0].wsUrl);
    survivor.send({ op: 'subscribe', channel: 'trades:DUOUSDT' });
    await survivor.waitFor((f) => f.type === 'update', 3);
    await survivor.close();
  }, 30_000);
});
