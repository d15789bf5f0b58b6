import { WebSocket } from 'ws';
import { fullJitterDelay } from '@app/backoff';
import { CombinedStreamMessage } from './binance-events';
import { MessagePacer } from './ws/message-pacer';

export interface CombinedStreamClientOptions {
  /** Base WebSocket URL, e.g. wss://stream.binance.com:9443 or the simulator's ws://127.0.0.1:PORT. */
  baseUrl: string;
  streams: string[];
  onMessage: (message: CombinedStreamMessage, receivedAt: number) => void;
  onStateChange?: (state: 'connected' | 'disconnected', detail?: string) => void;
  /** The exchange announced it will close this connection soon. Default: reconnect at once. */
  onServerShutdown?: () => void;
  /** Replace a connection that has been silent this long (Binance pings every 20 s). */
  silenceTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Streams named in the connection URL; the rest are added with paced SUBSCRIBE messages. */
  urlStreamLimit?: number;
  /** SUBSCRIBE/UNSUBSCRIBE messages per second (Binance allows 5 messages/s including pongs). */
  controlMessagesPerSecond?: number;
  /** Streams named in one SUBSCRIBE message. */
  streamsPerSubscribe?: number;
  now?: () => number;
}

/**
 * One combined-stream connection (`/stream?streams=a/b/c`) that stays up: reconnects with capped,
 * jittered exponential backoff, replaces a silent connection, reconnects at once on
 * `serverShutdown`, and keeps its stream set across reconnects (the first streams in the URL, the
 * rest by SUBSCRIBE messages paced under the exchange's limit). `ws` answers every ping with a pong
 * carrying the same payload, as the exchange requires (its `autoPong`, on by default).
 */
export class CombinedStreamClient {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private silenceCheck: NodeJS.Timeout | null = null;
  /** When the current connection last sent anything (a frame or a ping). */
  private lastHeardAt = 0;
  private drainTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private readonly streams: Set<string>;
  private readonly pacer: MessagePacer;
  private outbox: string[] = [];
  private nextRequestId = 1;
  private reconnectImmediately = false;
  private paused = false;
  /** When the current connection opened (0 when not connected): rollover works from this. */
  connectedAt = 0;
  reconnects = 0;

  constructor(private readonly options: CombinedStreamClientOptions) {
    this.now = options.now ?? Date.now;
    this.streams = new Set(options.streams);
    this.pacer = new MessagePacer(options.controlMessagesPerSecond ?? 3, this.now);
  }

  get subscribedStreams(): string[] {
    return [...this.streams];
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  subscribe(streams: string[]): void {
    const added = streams.filter((stream) => !this.streams.has(stream));
    for (const stream of added) this.streams.add(stream);
    if (this.isOpen) this.enqueue('SUBSCRIBE', added);
  }

  unsubscribe(streams: string[]): void {
    const removed = streams.filter((stream) => this.streams.delete(stream));
    if (this.isOpen) this.enqueue('UNSUBSCRIBE', removed);
  }

  /**
   * Stop reading frames for now (the consumer is behind); they wait in the socket, and then at the
   * exchange. Keep pauses short: pings are not answered meanwhile.
   */
  pause(): void {
    this.paused = true;
    this.socket?.pause();
  }

  resume(): void {
    this.paused = false;
    // Time paused is not silence of the exchange.
    this.lastHeardAt = this.now();
    this.socket?.resume();
  }

  /** Drop the connection and open a new one without waiting (after `serverShutdown`). */
  reconnectNow(): void {
    const socket = this.socket;
    this.attempt = 0;
    this.reconnectImmediately = true;
    if (socket) socket.terminate();
    else if (!this.stopped && !this.reconnectTimer) this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.reconnectTimer, this.silenceCheck, this.drainTimer]) {
      if (timer) clearTimeout(timer);
    }
    const socket = this.socket;
    this.socket = null;
    this.connectedAt = 0;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000);
      setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1000).unref();
    });
  }

  private connect(): void {
    this.reconnectTimer = null;
    const all = [...this.streams];
    const inUrl = all.slice(0, this.options.urlStreamLimit ?? 100);
    const base = this.options.baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
    const socket = new WebSocket(`${base}/stream?streams=${inUrl.join('/')}`);
    this.socket = socket;
    socket.on('open', () => {
      this.attempt = 0;
      this.connectedAt = this.now();
      this.outbox = [];
      this.enqueue('SUBSCRIBE', all.slice(inUrl.length));
      this.watchSilence(socket);
      if (this.paused) socket.pause();
      this.options.onStateChange?.('connected');
    });
    socket.on('ping', () => (this.lastHeardAt = this.now()));
    socket.on('message', (data: Buffer) => this.onFrame(data));
    socket.on('error', () => undefined); // 'close' follows and drives the reconnect
    socket.on('close', (code: number, reason: Buffer) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.connectedAt = 0;
      if (this.silenceCheck) clearInterval(this.silenceCheck);
      this.options.onStateChange?.('disconnected', `${code} ${reason.toString()}`.trim());
      this.scheduleReconnect();
    });
  }

  private onFrame(data: Buffer): void {
    const receivedAt = this.now();
    this.lastHeardAt = receivedAt;
    const value = parse(data);
    if (isServerShutdown(value)) {
      if (this.options.onServerShutdown) this.options.onServerShutdown();
      else this.reconnectNow();
      return;
    }
    if (isCombinedMessage(value)) this.options.onMessage(value, receivedAt);
  }

  private enqueue(method: 'SUBSCRIBE' | 'UNSUBSCRIBE', streams: string[]): void {
    const chunk = this.options.streamsPerSubscribe ?? 200;
    for (let i = 0; i < streams.length; i += chunk) {
      const params = streams.slice(i, i + chunk);
      this.outbox.push(JSON.stringify({ method, params, id: this.nextRequestId++ }));
    }
    this.drain();
  }

  private drain(): void {
    if (this.drainTimer) return;
    while (this.outbox.length > 0 && this.socket?.readyState === WebSocket.OPEN) {
      const wait = this.pacer.delay();
      if (wait > 0) {
        this.drainTimer = setTimeout(() => {
          this.drainTimer = null;
          this.drain();
        }, wait);
        return;
      }
      this.pacer.record();
      this.socket.send(this.outbox.shift() as string);
    }
  }

  /**
   * Replaces the connection once it has been silent for `silenceTimeoutMs`, checked a few times per
   * timeout rather than re-armed on every frame: re-arming cost a timer allocation per message.
   */
  private watchSilence(socket: WebSocket): void {
    const limit = this.options.silenceTimeoutMs ?? 60_000;
    this.lastHeardAt = this.now();
    if (this.silenceCheck) clearInterval(this.silenceCheck);
    this.silenceCheck = setInterval(
      () => {
        if (this.now() - this.lastHeardAt >= limit) socket.terminate();
      },
      Math.max(Math.floor(limit / 4), 1),
    );
    this.silenceCheck.unref();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.reconnects++;
    const delay = this.reconnectImmediately
      ? 0
      : fullJitterDelay(
          this.attempt++,
          this.options.backoffBaseMs ?? 250,
          this.options.backoffCapMs ?? 30_000,
        );
    this.reconnectImmediately = false;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}

function parse(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    return null; // A frame that is not JSON is not market data; the exchange never sends one.
  }
}

function isCombinedMessage(value: unknown): value is CombinedStreamMessage {
  return typeof value === 'object' && value !== null && 'stream' in value && 'data' in value;
}

/** Binance sends `{"e":"serverShutdown"}`, wrapped as `{"event":{...}}` or in the stream envelope. */
export function isServerShutdown(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.e === 'serverShutdown') return true;
  return isServerShutdown(v.event) || isServerShutdown(v.data);
}
