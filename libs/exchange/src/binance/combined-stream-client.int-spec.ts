import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { CombinedStreamClient } from './combined-stream-client';

/** A bare WebSocket server that records what a client sends: pongs and control messages. */
class RecordingServer {
  readonly wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  readonly pongs: string[] = [];
  readonly received: { body: { method: string; params: string[]; id: number } }[] = [];
  readonly paths: string[] = [];
  readonly sockets: WebSocket[] = [];

  constructor() {
    this.wss.on('connection', (socket, request) => {
      this.paths.push(request.url ?? '');
      this.sockets.push(socket);
      socket.on('pong', (payload: Buffer) => this.pongs.push(payload.toString()));
      socket.on('message', (data: Buffer) => {
        this.received.push({ body: JSON.parse(data.toString()) as never });
      });
    });
  }

  listening(): Promise<void> {
    return new Promise((resolve) => this.wss.once('listening', () => resolve()));
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe(CombinedStreamClient.name, () => {
  let server: RecordingServer;
  let client: CombinedStreamClient;

  beforeEach(async () => {
    server = new RecordingServer();
    await server.listening();
  });

  afterEach(async () => {
    await client.stop();
    await server.close();
  });

  it('answers every ping with a pong carrying the same payload', async () => {
    client = new CombinedStreamClient({
      baseUrl: server.url,
      streams: ['a@trade'],
      onMessage: () => undefined,
    });
    client.start();
    await until(() => server.sockets.length === 1 && client.isOpen);

    for (const payload of ['1700000000000', 'second', '']) server.sockets[0].ping(payload);
    await until(() => server.pongs.length === 3);

    expect(server.pongs).toEqual(['1700000000000', 'second', '']);
  });

  it('names the first streams in the URL and subscribes the rest with numbered messages', async () => {
    const streams = Array.from({ length: 8 }, (_, i) => `s${i}@trade`);
    client = new CombinedStreamClient({
      baseUrl: server.url,
      streams,
      onMessage: () => undefined,
      urlStreamLimit: 2,
      streamsPerSubscribe: 1,
      controlMessagesPerSecond: 3,
    });
    client.start();
    await until(() => server.received.length === 6);

    expect(server.paths).toEqual(['/stream?streams=s0@trade/s1@trade']);
    expect(server.received.map((r) => r.body)).toEqual(
      streams.slice(2).map((stream, i) => ({ method: 'SUBSCRIBE', params: [stream], id: i + 1 })),
    );
    // The pacing itself (3 per second by the client's clock) is proven with an injected clock in
    // message-pacer.spec.ts; arrival times here share one event loop with the client, so they say
    // nothing reliable about it.
  });

  it('reconnects at once, with every stream, when the server announces serverShutdown', async () => {
    client = new CombinedStreamClient({
      baseUrl: server.url,
      streams: ['a@trade', 'b@trade'],
      onMessage: () => undefined,
      backoffBaseMs: 60_000, // an ordinary reconnect would wait; this one must not
      backoffCapMs: 60_000,
    });
    client.start();
    await until(() => server.sockets.length === 1 && client.isOpen);

    server.sockets[0].send(JSON.stringify({ e: 'serverShutdown', E: 1700000000000 }));
    await until(() => server.sockets.length === 2);

    expect(server.paths).toEqual([
      '/stream?streams=a@trade/b@trade',
      '/stream?streams=a@trade/b@trade',
    ]);
    expect(client.reconnects).toBe(1);
  });

  it('keeps a connection that sends frames and replaces one that falls silent', async () => {
    client = new CombinedStreamClient({
      baseUrl: server.url,
      streams: ['a@trade'],
      onMessage: () => undefined,
      silenceTimeoutMs: 1_000,
      backoffBaseMs: 1,
      backoffCapMs: 1,
    });
    client.start();
    await until(() => server.sockets.length === 1 && client.isOpen);

    const frame = JSON.stringify({ stream: 'a@trade', data: { t: 1 } });
    for (let i = 0; i < 30; i++) {
      server.sockets[0].send(frame);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(server.sockets).toHaveLength(1);
    expect(client.reconnects).toBe(0);

    await until(() => server.sockets.length === 2 && client.isOpen);
    expect(client.reconnects).toBe(1);
  });
});
