import {
  CombinedStreamMessage,
  MarketSimulator,
  simulatedSymbol,
  SimulatorServer,
} from '@app/exchange';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

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

/** A Binance-protocol WebSocket endpoint that sends the recorded frames, once, as fast as it can. */
export class FrameBlaster {
  private readonly http: Server = createServer();
  private readonly wss = new WebSocketServer({ server: this.http });
  /** When the current connection started receiving, for the throughput's clock. */
  startedAt = 0;

  constructor(private readonly frames: string[]) {
    this.wss.on('connection', (socket) => {
      this.startedAt = performance.now();
      let next = 0;
      const pump = (): void => {
        // Respect the socket's buffer so the sender, not a huge queue, paces the test.
        while (next < this.frames.length && socket.bufferedAmount < 4 * 1024 * 1024) {
          socket.send(this.frames[next++]);
        }
        if (next < this.frames.length) setImmediate(pump);
      };
      pump();
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

export function parseFrame(frame: string): CombinedStreamMessage {
  return JSON.parse(frame) as CombinedStreamMessage;
}
