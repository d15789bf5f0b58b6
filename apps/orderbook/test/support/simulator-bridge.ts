import { DEPTH_TOPIC, DepthDiffEvent, encodeEvent } from '@app/contracts';
import { Producer } from 'kafkajs';
import { WebSocket } from 'ws';

interface RawDiff {
  s: string;
  E: number;
  U: number;
  u: number;
  b: [string, string][];
  a: [string, string][];
}

/**
 * A stand-in for the producer's depth ingest: reads the simulator's `<s>@depth@100ms` streams,
 * reconnects when dropped, and produces every diff to md.depth.v1 in order. It also watches the
 * stream itself, counting the holes and repeats the service should cope with.
 */
export class SimulatorBridge {
  readonly holes = new Map<string, number>();
  readonly repeats = new Map<string, number>();
  connections = 0;
  private readonly lastU = new Map<string, number>();
  private socket: WebSocket | undefined;
  private stopped = false;
  private sending = Promise.resolve();

  constructor(
    private readonly wsUrl: string,
    private readonly symbols: readonly string[],
    private readonly producer: Producer,
  ) {}

  connect(): void {
    if (this.stopped) return;
    const streams = this.symbols.map((symbol) => `${symbol.toLowerCase()}@depth@100ms`).join('/');
    const socket = new WebSocket(`${this.wsUrl}/stream?streams=${streams}`);
    this.socket = socket;
    socket.on('open', () => this.connections++);
    socket.on('message', (raw: Buffer) => {
      const { data } = JSON.parse(raw.toString('utf8')) as { data: RawDiff };
      this.observe(data);
      const now = Date.now();
      const event: DepthDiffEvent = {
        source: 'simulator',
        symbol: data.s,
        firstUpdateId: data.U,
        finalUpdateId: data.u,
        bids: data.b,
        asks: data.a,
        exchangeTime: data.E,
        receivedAt: now,
        producedAt: now,
      };
      const message = encodeEvent(DEPTH_TOPIC, event);
      this.sending = this.sending
        .then(() => this.producer.send({ topic: DEPTH_TOPIC.name, messages: [message] }))
        .then(() => undefined);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => setTimeout(() => this.connect(), 200));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.socket?.close();
    await this.sending;
  }

  /** Resolves when every diff received so far is in Kafka. */
  flushed(): Promise<void> {
    return this.sending;
  }

  private observe(diff: RawDiff): void {
    const last = this.lastU.get(diff.s);
    if (last !== undefined && diff.u <= last) {
      this.repeats.set(diff.s, (this.repeats.get(diff.s) ?? 0) + 1);
      return;
    }
    if (last !== undefined && diff.U > last + 1) {
      this.holes.set(diff.s, (this.holes.get(diff.s) ?? 0) + 1);
    }
    this.lastU.set(diff.s, diff.u);
  }
}
