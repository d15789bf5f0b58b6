import { BOOK_UPDATE_TOPIC, CacheKeys } from '@app/contracts';
import { KeyValueCache } from '@app/storage';
import { WebSocket } from 'ws';
import { AppProcess } from '../../../test/support/app-process';
import { WsTestClient } from '../../../test/support/ws-test-client';
import { GatewayUnderTest } from './support/gateway-under-test';
import { events, MarketFeed } from './support/market-feed';

type Frame = Record<string, unknown>;

/** The WebSocket protocol end to end against the built gateway fed through Kafka and Redis. */
describe('gateway WebSocket /ws (reader of Kafka events and hand-written Redis; the writers: compose-local and embedded e2e)', () => {
  let gateway: GatewayUnderTest;
  let cache: KeyValueCache;
  let feed: MarketFeed;
  let stream: { stop: () => Promise<void> };
  const connect = () => WsTestClient.connect(gateway.wsUrl);

  beforeAll(async () => {
    gateway = await GatewayUnderTest.start({
      WS_MAX_SUBSCRIPTIONS: '3',
      WS_MAX_INVALID_FRAMES_PER_10S: '5',
      WS_MAX_MESSAGES_PER_10S: '40',
      WS_CONFLATE_ABOVE_BYTES: '1024',
      WS_SLOW_CLIENT_CLOSE_MS: '1000',
    });
    cache = gateway.openCache();
    feed = await MarketFeed.connect(process.env.TEST_KAFKA_BROKERS!.split(','));
    stream = feed.stream('LIVEUSDT', 100);
  }, 90_000);

  afterAll(async () => {
    await stream?.stop();
    await feed?.close();
    await cache?.close();
    await gateway?.stop();
    await AppProcess.stopAll();
  });

  it('gives a snapshot from Redis on subscribe to a channel the replica has not seen', async () => {
    await cache.set(
      CacheKeys.book('COLDUSDT'),
      JSON.stringify(events.book('COLDUSDT', 900, 3, 1_700_000_000_000)),
    );
    const client = await connect();
    client.send({ op: 'subscribe', channel: 'book:COLDUSDT', id: 'b' });
    const [ack, snapshot] = await client.waitFor(() => true, 2);
    await client.close();
    expect(ack).toEqual({ type: 'ack', op: 'subscribe', channel: 'book:COLDUSDT', id: 'b' });
    expect(snapshot).toEqual({
      type: 'snapshot',
      channel: 'book:COLDUSDT',
      seq: 0,
      exchangeTime: 1_699_999_999_998,
      producedAt: 1_700_000_000_000,
      data: events.book('COLDUSDT', 900, 3, 1_700_000_000_000),
    });
  });

  it('streams every channel kind: snapshot, then updates with consecutive seq and both times', async () => {
    const client = await connect();
    for (const kind of ['book', 'trades', 'ticker']) {
      client.send({ op: 'subscribe', channel: `${kind}:LIVEUSDT`, id: kind });
    }
    const updates = await client.waitFor((f) => f.type === 'update', 30, 45_000);
    await client.close();
    for (const kind of ['book', 'trades', 'ticker']) {
      const mine = updates.filter((f) => f.channel === `${kind}:LIVEUSDT`);
      expect(mine.length).toBeGreaterThan(3);
      const seqs = mine.map((f) => f.seq as number);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
      for (const frame of mine) {
        expect(typeof frame.exchangeTime).toBe('number');
        expect(frame.producedAt as number).toBeGreaterThan(frame.exchangeTime as number);
      }
    }
    const trades = updates
      .filter((f) => f.channel === 'trades:LIVEUSDT')
      .map((f) => f.data as { tradeId: number; price: string });
    expect(trades.map((t) => t.tradeId)).toEqual(trades.map((_, i) => trades[0].tradeId + i));
    expect(trades[0].price).toBe(`100.${String(trades[0].tradeId % 100).padStart(2, '0')}`);
    const book = updates.find((f) => f.channel === 'book:LIVEUSDT')!.data as {
      bids: string[][];
      asks: string[][];
    };
    expect([book.bids[0][0], book.asks[0][0]]).toEqual(['99.99', '100.01']);
    const ticker = updates.find((f) => f.channel === 'ticker:LIVEUSDT')!.data as Frame;
    expect(ticker).toMatchObject({ symbol: 'LIVEUSDT', bidPrice: '100.10', askPrice: '100.20' });
  }, 60_000);

  it('gives a fresh snapshot on resubscribe, at the seq the next update continues from', async () => {
    const client = await connect();
    client.send({ op: 'subscribe', channel: 'trades:LIVEUSDT', id: 1 });
    await client.waitFor((f) => f.type === 'update', 2, 45_000);
    client.send({ op: 'subscribe', channel: 'trades:LIVEUSDT', id: 2 });
    await client.waitFor((f) => f.type === 'ack' && f.id === 2);
    const after = client.frames.slice(client.frames.findIndex((f) => f.id === 2) + 1);
    const snapshot = after[0];
    expect(snapshot.type).toBe('snapshot');
    const list = snapshot.data as { tradeId: number }[];
    expect(list.map((t) => t.tradeId)).toEqual(list.map((_, i) => list[0].tradeId - i)); // newest first
    const [next] = await client.waitFor(
      (f) => f.type === 'update' && (f.seq as number) > (snapshot.seq as number),
    );
    await client.close();
    expect(next.seq).toBe((snapshot.seq as number) + 1);
    expect((next.data as { tradeId: number }).tradeId).toBe(list[0].tradeId + 1);
  }, 60_000);

  it('answers each bad frame with its error frame and keeps the connection', async () => {
    const client = await connect();
    client.send('{not json');
    client.send({ op: 'dance', id: 1 });
    client.send({ op: 'subscribe', channel: 'candles:BTCUSDT', id: 2 });
    client.send({ op: 'unsubscribe', channel: 'book:BTCUSDT', id: 3 });
    client.send({ op: 'subscribe', id: 4 });
    const errors = await client.waitFor((f) => f.type === 'error', 5);
    expect(errors.map((f) => [f.code, f.id])).toEqual([
      ['invalid_json', undefined],
      ['unknown_op', 1],
      ['unknown_channel', 2],
      ['not_subscribed', 3],
      ['invalid_frame', 4],
    ]);
    client.send({ op: 'ping', id: 'still-here' });
    await client.waitFor((f) => f.type === 'pong');
    await client.close();
  });

  it('refuses a subscription beyond the limit with too_many_subscriptions', async () => {
    const client = await connect();
    for (const s of ['A1', 'A2', 'A3', 'A4'])
      client.send({ op: 'subscribe', channel: `ticker:${s}USDT`, id: s });
    const [error] = await client.waitFor((f) => f.type === 'error');
    await client.close();
    expect(error).toEqual({
      type: 'error',
      code: 'too_many_subscriptions',
      message: 'at most 3 subscriptions per connection',
      id: 'A4',
    });
  });

  it('closes a client that keeps sending garbage with 1008', async () => {
    const client = await connect();
    for (let i = 0; i < 6; i++) client.send('garbage');
    await untilClosed(client);
    expect(client.closed).toEqual({ code: 1008, reason: 'too many invalid frames' });
    expect(client.frames.filter((f) => f.code === 'invalid_json')).toHaveLength(6);
  });

  it('closes a client that exceeds its message rate with 1008', async () => {
    const client = await connect();
    for (let i = 0; i < 41; i++) client.send({ op: 'ping', id: i });
    await untilClosed(client);
    expect(client.closed).toEqual({ code: 1008, reason: 'message rate exceeded' });
    expect(client.frames.filter((f) => f.type === 'pong')).toHaveLength(40);
  });

  it('refuses frames above 16 KiB', async () => {
    const client = await connect();
    client.send({ op: 'ping', id: 'x'.repeat(17 * 1024) });
    await untilClosed(client);
    expect(client.closed?.code).toBe(1009);
  });

  it('conflates a client that stops reading, then closes it with 1008; others keep their stream', async () => {
    const slow = new WebSocket(gateway.wsUrl);
    await new Promise((resolve) => slow.once('open', resolve));
    const closed = new Promise<[number, string]>((resolve) =>
      slow.once('close', (code: number, reason: Buffer) => resolve([code, reason.toString()])),
    );
    slow.send(JSON.stringify({ op: 'subscribe', channel: 'book:BIGUSDT' }));
    const healthy = await connect();
    healthy.send({ op: 'subscribe', channel: 'book:BIGUSDT' });
    await healthy.waitFor((f) => f.type === 'ack');
    // Stop reading: the kernel buffers fill, then the gateway's socket buffer grows.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    // A paused client cannot read the close frame: watch the gateway's close counter instead.
    const slowCloses = async () =>
      metric(
        await (await fetch(`${gateway.url}/metrics`)).text(),
        'gateway_ws_closes_total{reason="client too slow: fell behind the update stream"}',
      );
    let id = 1;
    const deadline = Date.now() + 40_000;
    while (!((await slowCloses()) >= 1) && Date.now() < deadline) {
      const batch = Array.from({ length: 5 }, () => events.book('BIGUSDT', id++, 1000));
      await feed.publish(BOOK_UPDATE_TOPIC, batch);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Read again, well within ws's 30 s close timeout: the buffered frames, then the close frame.
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toEqual([1008, 'client too slow: fell behind the update stream']);
    const seen = await healthy.waitFor((f) => f.type === 'update', 20);
    await healthy.close();
    const seqs = seen.map((f) => f.seq as number);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metric(metrics, 'gateway_ws_conflated_updates_total')).toBeGreaterThan(0);
    expect(metrics).toContain(
      'gateway_ws_closes_total{reason="client too slow: fell behind the update stream"} 1',
    );
  }, 60_000);

  it('exports connection, subscription, message, byte and latency metrics', async () => {
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    for (const name of [
      'gateway_ws_messages_sent_total',
      'gateway_ws_bytes_sent_total',
      'gateway_ws_frames_sent_total{kind="book"}',
    ]) {
      expect(metric(metrics, name)).toBeGreaterThan(0);
    }
    expect(metrics).toMatch(/gateway_ws_connections \d+/);
    expect(metrics).toMatch(/gateway_ws_subscriptions \d+/);
    expect(metrics).toContain('gateway_ws_dropped_updates_total');
    expect(
      metric(metrics, 'gateway_producer_to_client_seconds_count{kind="trades"}'),
    ).toBeGreaterThan(0);
    expect(metrics).toContain('gateway_ws_closes_total{reason="too many invalid frames"} 1');
    expect(metrics).toContain('gateway_ws_closes_total{reason="message rate exceeded"} 1');
  });
});

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : Number.NaN;
}

async function untilClosed(client: WsTestClient): Promise<void> {
  for (let i = 0; i < 200 && !client.closed; i++) await new Promise((r) => setTimeout(r, 50));
}
