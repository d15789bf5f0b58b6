import {
  CombinedStreamMessage,
  MarketSimulator,
  simulatedSymbol,
  SimulatorServer,
} from '@app/exchange';
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { WebSocket } from 'ws';

/** Streams the producer subscribes per symbol in `sim` mode (see MarketDataIngestService). */
export function streamsOf(symbols: string[]): string[] {
  return symbols.flatMap((symbol) => {
    const s = symbol.toLowerCase();
    return [`${s}@depth@100ms`, `${s}@bookTicker`, `${s}@trade`, `${s}@ticker`];
  });
}

/**
 * Records `count` combined-stream frames, as sent, from the simulator over a real WebSocket. The
 * simulator cannot generate 50,000+ events a second on this machine while the producer also runs,
 * so the bench records first and replays the very frames at wire speed (`FrameBlaster`).
 */
export async function recordFrames(
  server: SimulatorServer,
  symbols: string[],
  count: number,
): Promise<string[]> {
  const frames: string[] = [];
  const socket = new WebSocket(`${server.wsUrl}/stream?streams=${streamsOf(symbols).join('/')}`);
  await new Promise<void>((resolve, reject) => {
    socket.on('message', (data: Buffer) => {
      if (frames.length < count) frames.push(data.toString('utf8'));
      if (frames.length === count) resolve();
    });
    socket.on('error', reject);
  });
  socket.terminate();
  return frames;
}

export function startSimulator(symbols: string[], eventsPerSecond: number): SimulatorServer {
  return new SimulatorServer({
    simulator: new MarketSimulator(symbols.map(simulatedSymbol), 7),
    eventsPerSecond,
  });
}

/** The GUID of RFC 6455's opening handshake. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** How much of the prepared stream each socket write hands to the kernel. */
const WRITE_CHUNK_BYTES = 256 * 1024;

/** One unmasked, final text frame (server to client), as RFC 6455 lays it out. */
export function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x81, length])
      : length < 65_536
        ? Buffer.from([0x81, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x81, 127]), uint64(length)]);
  return Buffer.concat([header, payload]);
}

function uint64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/**
 * A Binance-protocol WebSocket endpoint that sends the recorded frames, once, as fast as the
 * connection takes them. The frames are framed once, up front, into one buffer and written in large
 * chunks: an exchange runs on its own machines, and `ws.send` per frame cost this process about a
 * core at the producer's rate, which on a 2-core machine it took from the producer under test.
 */
export class FrameBlaster {
  private readonly http: Server = createServer();
  private readonly stream: Buffer;
  private readonly sockets = new Set<Socket>();

  constructor(frames: string[]) {
    this.stream = Buffer.concat(frames.map((frame) => textFrame(Buffer.from(frame, 'utf8'))));
    this.http.on('upgrade', (request: IncomingMessage, socket: Socket) =>
      this.accept(request, socket),
    );
  }

  private accept(request: IncomingMessage, socket: Socket): void {
    const key = request.headers['sec-websocket-key'];
    if (typeof key !== 'string') {
      socket.destroy();
      return;
    }
    const accept = createHash('sha1')
      .update(key + WEBSOCKET_GUID)
      .digest('base64');
    socket.setNoDelay(true);
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // What the client sends (its close frame, pongs) is read and dropped.
    socket.resume();
    this.pump(socket, 0);
  }

  private pump(socket: Socket, from: number): void {
    let offset = from;
    while (offset < this.stream.length && !socket.destroyed) {
      const chunk = this.stream.subarray(offset, offset + WRITE_CHUNK_BYTES);
      offset += chunk.length;
      if (!socket.write(chunk)) {
        socket.once('drain', () => this.pump(socket, offset));
        return;
      }
    }
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

export function parseFrame(frame: string): CombinedStreamMessage {
  return JSON.parse(frame) as CombinedStreamMessage;
}
