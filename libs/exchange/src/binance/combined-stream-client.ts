import { WebSocket } from 'ws';
import { fullJitterDelay } from './backoff';
import { CombinedStreamMessage } from './binance-events';

export interface CombinedStreamClientOptions {
  /** Base WebSocket URL, e.g. wss://stream.binance.com:9443 or the simulator's ws://127.0.0.1:PORT. */
  baseUrl: string;
  streams: string[];
  onMessage: (message: CombinedStreamMessage, receivedAt: number) => void;
  onStateChange?: (state: 'connected' | 'disconnected', detail?: string) => void;
  /** Replace a connection that has been silent this long (Binance pings every 20 s). */
  silenceTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  now?: () => number;
}

/**
 * One combined-stream connection (`/stream?streams=a/b/c`) that stays up: reconnects with capped,
 * jittered exponential backoff and replaces a silent connection. `ws` answers every ping with a pong
 * carrying the same payload, as the exchange requires.
 */
export class CombinedStreamClient {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: CombinedStreamClientOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.watchdog) clearTimeout(this.watchdog);
    const socket = this.socket;
    this.socket = null;
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
    const url = `${this.options.baseUrl.replace(/^http/, 'ws')}/stream?streams=${this.options.streams.join('/')}`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.on('open', () => {
      this.attempt = 0;
      this.feedWatchdog(socket);
      this.options.onStateChange?.('connected');
    });
    socket.on('ping', () => this.feedWatchdog(socket));
    socket.on('message', (data: Buffer) => {
      const receivedAt = this.now();
      this.feedWatchdog(socket);
      const message = parse(data);
      if (message) this.options.onMessage(message, receivedAt);
    });
    socket.on('error', () => undefined); // 'close' follows and drives the reconnect
    socket.on('close', (code: number, reason: Buffer) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.options.onStateChange?.('disconnected', `${code} ${reason.toString()}`.trim());
      this.scheduleReconnect();
    });
  }

  private feedWatchdog(socket: WebSocket): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => socket.terminate(), this.options.silenceTimeoutMs ?? 60_000);
    this.watchdog.unref();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = fullJitterDelay(
      this.attempt++,
      this.options.backoffBaseMs ?? 250,
      this.options.backoffCapMs ?? 30_000,
    );
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}

function parse(data: Buffer): CombinedStreamMessage | null {
  try {
    const value: unknown = JSON.parse(data.toString('utf8'));
    if (typeof value === 'object' && value !== null && 'stream' in value && 'data' in value) {
      return value as CombinedStreamMessage;
    }
  } catch {
    // A frame that is not JSON is not market data; the exchange never sends one.
  }
  return null;
}
