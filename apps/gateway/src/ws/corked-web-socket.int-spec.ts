import type { Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { ChannelHub } from '../fanout/channel-hub';
import { ClientSession } from './client-session';
import { CorkedWebSocket } from './corked-web-socket';
import { CorkedWrites } from './corked-writes';
import { SocketSink } from './socket-sink';

const CHANNEL = 'ticker:BTCUSDT';
const policy = { conflateAboveBytes: 512 * 1024, closeAfterBehindMs: 5000, flushEveryMs: 25 };
/** Less than two update frames: a turn's burst alone must not count as a slow client. */
const tightPolicy = { ...policy, conflateAboveBytes: 150 };

interface ServerSide {
  sink: SocketSink;
  tcp: Socket;
  /** Frames per system call the server made to this client's socket. */
  writeCalls: number[];
}

/** Real `ws` server and clients on loopback, each client speaking through a real ClientSession. */
class Harness {
  readonly hub = new ChannelHub();
  readonly writes = new CorkedWrites();
  readonly servers: ServerSide[] = [];
  private readonly wss: WebSocketServer;

  constructor(perMessageDeflate = false, sinkPolicy = policy) {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate });
    this.wss.on('connection', (ws) => {
      const sink = new SocketSink(new CorkedWebSocket(ws, this.writes), sinkPolicy);
      const session = new ClientSession(this.hub, sink, { maxSubscriptions: 10 });
      ws.on('message', (data: Buffer) => session.handle(data.toString()));
      const tcp = (ws as unknown as { _socket: Socket })._socket;
      const side: ServerSide = { sink, tcp, writeCalls: [] };
      const [write, writev] = [tcp._write.bind(tcp), tcp._writev!.bind(tcp)];
      tcp._write = (chunk, encoding, done) => (
        side.writeCalls.push(1),
        write(chunk, encoding, done)
      );
      tcp._writev = (chunks, done) => (side.writeCalls.push(chunks.length), writev(chunks, done));
      this.servers.push(side);
    });
  }

  async listening(): Promise<void> {
    await new Promise((resolve) => this.wss.once('listening', resolve));
  }

  /** A client subscribed to CHANNEL, with every text message it received. */
  async client(): Promise<{ ws: WebSocket; messages: string[]; closed: Promise<string> }> {
    const { port } = this.wss.address() as AddressInfo;
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    const messages: string[] = [];
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      messages.push(isBinary ? '(binary)' : data.toString());
    });
    const closed = new Promise<string>((resolve) =>
      ws.once('close', (code: number, reason: Buffer) => resolve(`${code} ${reason.toString()}`)),
    );
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ op: 'subscribe', channel: CHANNEL, id: 1 }));
    await until(() => messages.length >= 1);
    return { ws, messages, closed };
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise((resolve) => this.wss.close(resolve));
  }
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!done()) throw new Error('timed out');
}

const update = (seq: number, bid: string) =>
  `{"type":"update","channel":"${CHANNEL}","seq":${seq},"exchangeTime":null,"producedAt":${seq},"data":{"bidPrice":"${bid}"}}`;
const ack = `{"type":"ack","op":"subscribe","channel":"${CHANNEL}","id":1}`;

describe(`${CorkedWebSocket.name} with real ws clients`, () => {
  let harness: Harness;

  afterEach(() => harness.close());

  it("writes one turn's updates to each client in one system call, as separate frames in order", async () => {
    harness = new Harness();
    await harness.listening();
    const clients = [await harness.client(), await harness.client(), await harness.client()];
    for (const side of harness.servers) side.writeCalls.length = 0;

    const bids = ['27123.45', '27123.46', '27123.40', '27123.41', '27123.47'];
    bids.forEach((bid, i) => harness.hub.publish(CHANNEL, { bidPrice: bid }, null, i + 1));
    await until(() => clients.every((c) => c.messages.length === 1 + bids.length));

    for (const { messages } of clients) {
      expect(messages).toEqual([ack, ...bids.map((bid, i) => update(i + 1, bid))]);
    }
    for (const side of harness.servers) expect(side.writeCalls).toEqual([5]);
  });

  it('keeps acks, snapshots and updates in order for a client subscribing between updates', async () => {
    harness = new Harness();
    await harness.listening();
    const early = await harness.client();
    harness.hub.publish(CHANNEL, { bidPrice: '1.00' }, null, 1);
    const late = await harness.client();
    harness.hub.publish(CHANNEL, { bidPrice: '2.00' }, null, 2);
    await until(() => early.messages.length === 3 && late.messages.length === 3);

    expect(early.messages).toEqual([ack, update(1, '1.00'), update(2, '2.00')]);
    expect(late.messages).toEqual([
      ack,
      `{"type":"snapshot","channel":"${CHANNEL}","seq":1,"exchangeTime":null,"producedAt":1,"data":{"bidPrice":"1.00"}}`,
      update(2, '2.00'),
    ]);
  });

  it('goes through ws itself when permessage-deflate was negotiated', async () => {
    harness = new Harness(true);
    await harness.listening();
    const client = await harness.client();
    expect(client.ws.extensions).toBe('permessage-deflate');

    harness.hub.publish(CHANNEL, { bidPrice: '3.00' }, null, 1);
    harness.hub.publish(CHANNEL, { bidPrice: '4.00' }, null, 2);
    await until(() => client.messages.length === 3);

    expect(client.messages).toEqual([ack, update(1, '3.00'), update(2, '4.00')]);
  });

  it('sends the updates of the turn before a close frame written in the same turn', async () => {
    harness = new Harness();
    await harness.listening();
    const client = await harness.client();

    harness.hub.publish(CHANNEL, { bidPrice: '5.00' }, null, 1);
    harness.servers[0].sink.close(1008, 'client too slow: fell behind the update stream');

    await expect(client.closed).resolves.toBe(
      '1008 client too slow: fell behind the update stream',
    );
    expect(client.messages).toEqual([ack, update(1, '5.00')]);
  });

  it("does not conflate a client that keeps up for a burst of one turn's frames", async () => {
    harness = new Harness(false, tightPolicy);
    await harness.listening();
    const client = await harness.client();

    const bids = ['1.00', '2.00', '3.00', '4.00'];
    bids.forEach((bid, i) => harness.hub.publish(CHANNEL, { bidPrice: bid }, null, i + 1));
    await until(() => client.messages.length === 1 + bids.length);
    harness.hub.publish(CHANNEL, { bidPrice: '5.00' }, null, 5);
    await until(() => client.messages.length === 2 + bids.length);

    expect(client.messages).toEqual([
      ack,
      ...[...bids, '5.00'].map((bid, i) => update(i + 1, bid)),
    ]);
    expect(harness.servers[0].sink.conflating).toBe(false);
  });
});
