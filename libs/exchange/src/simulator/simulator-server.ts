import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { MarketSimulator } from './market-simulator';

export interface SimulatorServerOptions {
  simulator: MarketSimulator;
  /** bookTicker events per second per symbol. */
  eventsPerSecond: number;
  host?: string;
  port?: number;
  /** Binance pings every 20 s; tests may shorten it. */
  pingIntervalMs?: number;
  now?: () => number;
}

interface Subscriber {
  socket: WebSocket;
  /** Lower-case stream names, e.g. `btcusdt@bookticker`. */
  streams: Set<string>;
  combined: boolean;
}

const TICK_MS = 50;

/**
 * Serves the simulated market over Binance spot's protocol: WebSocket `/stream?streams=a/b`
 * (combined envelope) and `/ws/<stream>` (raw), REST `/api/v3/ticker/bookTicker`, and
 * `/debug/book-ticker` with the simulator's true state for tests.
 */
export class SimulatorServer {
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly subscribers = new Set<Subscriber>();
  private timers: NodeJS.Timeout[] = [];
  private carry = 0;
  private readonly now: () => number;

  constructor(private readonly options: SimulatorServerOptions) {
    this.now = options.now ?? Date.now;
    this.http = createServer((req, res) => this.handleHttp(req, res));
    this.http.on('upgrade', (req, socket, head) => {
      const subscriber = this.subscriberFor(req);
      if (!subscriber) {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, subscriber));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) =>
      this.http.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve),
    );
    this.timers.push(setInterval(() => this.tick(), TICK_MS));
    const pingEvery = this.options.pingIntervalMs ?? 20_000;
    this.timers.push(setInterval(() => this.pingAll(), pingEvery));
    return this.url;
  }

  get url(): string {
    const address = this.http.address() as AddressInfo;
    return `http://${address.address}:${address.port}`;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const { socket } of this.subscribers) socket.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private tick(): void {
    // Spread the configured rate over 50 ms ticks, carrying fractions so low rates still emit.
    this.carry += (this.options.eventsPerSecond * TICK_MS) / 1000;
    const perSymbol = Math.floor(this.carry);
    this.carry -= perSymbol;
    for (let i = 0; i < perSymbol; i++) {
      for (const symbol of this.options.simulator.symbols) {
        this.broadcast(
          `${symbol.toLowerCase()}@bookticker`,
          this.options.simulator.step(symbol, this.now()),
        );
      }
    }
  }

  private broadcast(stream: string, data: unknown): void {
    let raw: string | null = null;
    let combined: string | null = null;
    for (const subscriber of this.subscribers) {
      if (!subscriber.streams.has(stream) || subscriber.socket.readyState !== WebSocket.OPEN)
        continue;
      if (subscriber.combined) {
        combined ??= JSON.stringify({ stream: stream.replace('bookticker', 'bookTicker'), data });
        subscriber.socket.send(combined);
      } else {
        raw ??= JSON.stringify(data);
        subscriber.socket.send(raw);
      }
    }
  }

  private pingAll(): void {
    const payload = String(this.now());
    for (const { socket } of this.subscribers)
      if (socket.readyState === WebSocket.OPEN) socket.ping(payload);
  }

  private subscriberFor(req: IncomingMessage): Omit<Subscriber, 'socket'> | null {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname === '/stream') {
      const streams = (url.searchParams.get('streams') ?? '').split('/').filter(Boolean);
      return { streams: new Set(streams.map((s) => s.toLowerCase())), combined: true };
    }
    const raw = /^\/ws\/(.+)$/.exec(url.pathname);
    if (raw) return { streams: new Set([raw[1].toLowerCase()]), combined: false };
    return null;
  }

  private attach(socket: WebSocket, subscriber: Omit<Subscriber, 'socket'>): void {
    const entry: Subscriber = { ...subscriber, socket };
    this.subscribers.add(entry);
    socket.on('close', () => this.subscribers.delete(entry));
    socket.on('error', () => this.subscribers.delete(entry));
  }

  private handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const symbols = this.options.simulator.symbols;
    if (url.pathname === '/api/v3/ticker/bookTicker' || url.pathname === '/debug/book-ticker') {
      const wanted = url.searchParams.get('symbol');
      if (wanted && !symbols.includes(wanted)) {
        return json(res, 400, { code: -1121, msg: 'Invalid symbol.' });
      }
      const tickers = (wanted ? [wanted] : symbols).map((symbol) => {
        const t = this.options.simulator.current(symbol, this.now());
        return { symbol: t.s, bidPrice: t.b, bidQty: t.B, askPrice: t.a, askQty: t.A, u: t.u };
      });
      return json(res, 200, wanted ? tickers[0] : tickers);
    }
    if (url.pathname === '/api/v3/ping') return json(res, 200, {});
    if (url.pathname === '/api/v3/time') return json(res, 200, { serverTime: this.now() });
    json(res, 404, { code: -1, msg: 'Not found' });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
