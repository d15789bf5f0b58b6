import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { StreamKind } from './market-feed';
import { streamKey } from './stream-names';
import { WsLimits, WsSession } from './ws-session';

export interface WsHubOptions extends WsLimits {
  pingIntervalMs: number;
  /** A connection that has not answered a ping for this long is dropped (Binance: 1 min). */
  pongTimeoutMs: number;
  /** Binance closes every connection after 24 h; tests shorten it (0 = never). */
  maxConnectionAgeMs: number;
  /** Connection attempts per IP per 5 minutes (Binance: 300); more are refused with 429. */
  maxConnectionsPer5Min: number;
  now: () => number;
}

/** The WebSocket side: `/ws[/<stream>...]` (raw) and `/stream?streams=a/b` (combined envelope). */
export class WsHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  readonly sessions = new Map<number, WsSession>();
  private nextId = 1;
  private pingTimer: NodeJS.Timeout | undefined;
  private readonly attempts = new Map<string, { window: number; count: number }>();

  constructor(private readonly options: WsHubOptions) {}

  start(): void {
    this.pingTimer = setInterval(() => this.pingAll(), this.options.pingIntervalMs);
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!this.admit(req.socket.remoteAddress ?? 'unknown')) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 300\r\n\r\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://simulator');
    let combined: boolean;
    let names: string[];
    if (url.pathname === '/stream' || url.pathname === '/stream/') {
      combined = true;
      names = (url.searchParams.get('streams') ?? '').split('/').filter(Boolean);
    } else if (url.pathname === '/ws' || url.pathname.startsWith('/ws/')) {
      combined = false;
      names = url.pathname.slice(3).split('/').filter(Boolean);
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new WsSession(
        this.nextId++,
        ws,
        combined,
        this.options.now(),
        this.options,
        this.options.now,
      );
      if (!session.addInitial(names)) {
        ws.close(1008, 'Too many streams');
        return;
      }
      this.sessions.set(session.id, session);
      ws.on('close', () => this.sessions.delete(session.id));
      ws.on('error', () => this.sessions.delete(session.id));
      if (this.options.maxConnectionAgeMs > 0) {
        const timer = setTimeout(
          () => this.shutdown(session, 1000),
          this.options.maxConnectionAgeMs,
        );
        ws.on('close', () => clearTimeout(timer));
      }
    });
  }

  broadcast(symbol: string, kind: StreamKind, payload: object, copies = 1): void {
    const key = streamKey(symbol, kind);
    let raw: string | undefined;
    for (const session of this.sessions.values()) {
      const name = session.streams.get(key);
      if (name === undefined) continue;
      raw ??= JSON.stringify(payload);
      const text = session.combined ? `{"stream":${JSON.stringify(name)},"data":${raw}}` : raw;
      for (let i = 0; i < copies; i++) session.send(text);
    }
  }

  disconnect(which: 'all' | number): number {
    const targets =
      which === 'all'
        ? [...this.sessions.values()]
        : [this.sessions.get(which)].filter((s) => s !== undefined);
    for (const session of targets) session.socket.terminate();
    return targets.length;
  }

  /** Binance's notice before it closes a connection: `{"e":"serverShutdown","E":...}`. */
  shutdownAll(graceMs: number): number {
    const sessions = [...this.sessions.values()];
    for (const session of sessions) this.shutdown(session, graceMs);
    return sessions.length;
  }

  list(): { id: number; combined: boolean; streams: string[]; openedAt: number }[] {
    return [...this.sessions.values()].map((s) => ({
      id: s.id,
      combined: s.combined,
      streams: [...s.streams.values()],
      openedAt: s.openedAt,
    }));
  }

  close(): void {
    clearInterval(this.pingTimer);
    for (const session of this.sessions.values()) session.socket.terminate();
    this.wss.close();
  }

  /** Counts an attempt in its IP's current 5-minute window; false when over the limit. */
  private admit(ip: string): boolean {
    const window = Math.floor(this.options.now() / 300_000);
    const seen = this.attempts.get(ip);
    const count = seen && seen.window === window ? seen.count + 1 : 1;
    this.attempts.set(ip, { window, count });
    return count <= this.options.maxConnectionsPer5Min;
  }

  private shutdown(session: WsSession, graceMs: number): void {
    session.send(JSON.stringify({ e: 'serverShutdown', E: this.options.now() }));
    setTimeout(() => session.socket.close(1000, 'serverShutdown'), graceMs);
  }

  private pingAll(): void {
    const now = this.options.now();
    for (const session of this.sessions.values()) {
      if (session.socket.readyState !== session.socket.OPEN) continue;
      if (now - session.lastPongAt > this.options.pongTimeoutMs) session.socket.terminate();
      else session.socket.ping(String(now));
    }
  }
}
