import { WebSocket } from 'ws';
import { parseStreamName } from './stream-names';

export interface WsLimits {
  /** Binance: 1024 streams per connection. */
  maxStreams: number;
  /** Binance: 5 incoming messages (text, ping, pong) per second, else the connection is dropped. */
  maxIncomingPerSecond: number;
}

type Reply = Record<string, unknown>;

/**
 * One client connection: its streams (by key → name as spelled) and the JSON control methods
 * (`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`/`GET_PROPERTY` combined).
 */
export class WsSession {
  readonly streams = new Map<string, string>();
  /** When the client last answered a ping (or connected). */
  lastPongAt: number;
  private windowSecond = -1;
  private windowCount = 0;

  constructor(
    readonly id: number,
    readonly socket: WebSocket,
    public combined: boolean,
    readonly openedAt: number,
    private readonly limits: WsLimits,
    private readonly now: () => number,
  ) {
    socket.on('message', (data: Buffer) => this.onMessage(data.toString('utf8')));
    socket.on('ping', () => this.countIncoming());
    this.lastPongAt = openedAt;
    socket.on('pong', () => {
      this.lastPongAt = this.now();
      this.countIncoming();
    });
  }

  /**
   * Adds the streams named in the URL; false when there are too many. Like Binance, a path segment
   * that is not a stream name subscribes to nothing (ccxt connects to `/ws/0` and then SUBSCRIBEs).
   */
  addInitial(names: string[]): boolean {
    for (const name of names) {
      const parsed = parseStreamName(name);
      if (parsed) this.streams.set(parsed.key, parsed.name);
    }
    return this.streams.size <= this.limits.maxStreams;
  }

  send(text: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  private countIncoming(): boolean {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.windowSecond) {
      this.windowSecond = second;
      this.windowCount = 0;
    }
    this.windowCount++;
    if (this.windowCount <= this.limits.maxIncomingPerSecond) return true;
    // Binance drops the connection; 1008 (policy violation) says why.
    this.socket.close(1008, 'Too many requests');
    return false;
  }

  private onMessage(text: string): void {
    if (!this.countIncoming()) return;
    let request: { method?: unknown; params?: unknown; id?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return this.reply({
        error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' },
        id: null,
      });
    }
    const id = request.id;
    // Binance takes an unsigned integer, a string or null.
    if (typeof id !== 'number' && typeof id !== 'string' && id !== null) {
      return this.reply({
        error: {
          code: 2,
          msg: 'Invalid request: request ID must be an unsigned integer, a string or null',
        },
        id: null,
      });
    }
    this.reply({ ...this.handle(request.method, request.params), id });
  }

  private handle(method: unknown, params: unknown): Reply {
    switch (method) {
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE':
        return this.changeStreams(method, params);
      case 'LIST_SUBSCRIPTIONS':
        return { result: [...this.streams.values()] };
      case 'SET_PROPERTY':
        if (Array.isArray(params) && params[0] === 'combined' && typeof params[1] === 'boolean') {
          this.combined = params[1];
          return { result: null };
        }
        return { error: { code: 2, msg: 'Invalid request: unknown property' } };
      case 'GET_PROPERTY':
        if (Array.isArray(params) && params[0] === 'combined') return { result: this.combined };
        return { error: { code: 2, msg: 'Invalid request: unknown property' } };
      default:
        return {
          error: { code: 2, msg: `Invalid request: unknown method ${JSON.stringify(method)}` },
        };
    }
  }

  private changeStreams(method: 'SUBSCRIBE' | 'UNSUBSCRIBE', params: unknown): Reply {
    if (!Array.isArray(params) || !params.every((p) => typeof p === 'string')) {
      return {
        error: { code: 1, msg: "Invalid value type: expected 'params' to be an array of strings" },
      };
    }
    const parsed = params.map((name) => ({ name, stream: parseStreamName(name) }));
    const bad = parsed.find((p) => p.stream === null);
    if (bad)
      return {
        error: { code: 2, msg: `Invalid request: invalid stream name ${JSON.stringify(bad.name)}` },
      };
    if (method === 'UNSUBSCRIBE') {
      for (const p of parsed) this.streams.delete(p.stream!.key);
      return { result: null };
    }
    const added = parsed.filter((p) => !this.streams.has(p.stream!.key)).length;
    if (this.streams.size + added > this.limits.maxStreams) {
      return {
        error: {
          code: 2,
          msg: `Invalid request: at most ${this.limits.maxStreams} streams per connection`,
        },
      };
    }
    for (const p of parsed) this.streams.set(p.stream!.key, p.stream!.name);
    return { result: null };
  }

  private reply(body: Reply): void {
    this.send(JSON.stringify(body));
  }
}
