import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { FaultActions, FaultInjector, FaultSettings } from './fault-injector';
import { MarketFeed, StreamKind } from './market-feed';
import { MarketSimulator } from './market-simulator';
import { WeightLimiter } from './request-weights';
import { RestApi, RestResponse } from './rest-api';
import { SimulatedFeed } from './simulated-feed';
import { WsHub } from './ws-hub';

export interface SimulatorServerOptions {
  /** The simulated market; or give `feed` (e.g. a replay) instead. */
  simulator?: MarketSimulator;
  feed?: MarketFeed;
  /** Market steps per second per symbol (with `simulator`). */
  eventsPerSecond?: number;
  host?: string;
  port?: number;
  /** Binance pings every 20 s; tests may shorten it. */
  pingIntervalMs?: number;
  /** Drop a connection that has not answered a ping for this long (Binance: 1 min). */
  pongTimeoutMs?: number;
  /** Streams per connection (Binance: 1024). */
  maxStreamsPerConnection?: number;
  /** Incoming WS messages per second per connection (Binance: 5). */
  maxIncomingPerSecond?: number;
  /** Close each connection after this long, with `serverShutdown` first (Binance: 24 h; 0 = never). */
  maxConnectionAgeMs?: number;
  /** WebSocket connection attempts per IP per 5 minutes (Binance: 300). */
  maxConnectionsPer5Min?: number;
  /** REST weight per minute per IP (Binance: 6000). */
  weightPerMinute?: number;
  /** How long a 418 ban lasts. */
  banMs?: number;
  faults?: FaultSettings;
  now?: () => number;
}

/**
 * Serves a market (simulated or replayed) over Binance spot's protocol: REST `/api/v3/...` with
 * weights and 429/418, WebSocket raw and combined streams with the JSON control methods, fault
 * injection and the ground truth under `/debug/...`:
 * - `GET /debug/book?symbol=&limit=`: the true book with its lastUpdateId;
 * - `POST /debug/faults` (JSON FaultSettings & FaultActions); `GET /debug/faults`: counts injected;
 * - `POST /debug/pause`, `POST /debug/resume`: stop and restart the market's motion;
 * - `GET /debug/connections`;
 * - `GET /health/live`, `GET /health/ready`: 200 while it serves.
 */
export class SimulatorServer {
  private readonly http: Server;
  private readonly feed: MarketFeed;
  private readonly hub: WsHub;
  private readonly rest: RestApi;
  readonly faults: FaultInjector;
  private readonly now: () => number;

  constructor(private readonly options: SimulatorServerOptions) {
    this.now = options.now ?? Date.now;
    const feed =
      options.feed ??
      (options.simulator &&
        new SimulatedFeed({
          simulator: options.simulator,
          eventsPerSecond: options.eventsPerSecond ?? 10,
          now: this.now,
        }));
    if (!feed) throw new Error('SimulatorServer needs a simulator or a feed');
    this.feed = feed;
    this.faults = new FaultInjector(options.faults);
    this.hub = new WsHub({
      pingIntervalMs: options.pingIntervalMs ?? 20_000,
      pongTimeoutMs: options.pongTimeoutMs ?? 60_000,
      maxStreams: options.maxStreamsPerConnection ?? 1024,
      maxIncomingPerSecond: options.maxIncomingPerSecond ?? 5,
      maxConnectionAgeMs: options.maxConnectionAgeMs ?? 0,
      maxConnectionsPer5Min: options.maxConnectionsPer5Min ?? 300,
      now: this.now,
    });
    const limiter = new WeightLimiter({
      limitPerMinute: options.weightPerMinute,
      banMs: options.banMs,
    });
    this.rest = new RestApi(feed, limiter, this.faults, this.now);
    this.http = createServer((req, res) => void this.handleHttp(req, res));
    this.http.on('upgrade', (req: IncomingMessage, socket, head: Buffer) =>
      this.hub.upgrade(req, socket, head),
    );
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) =>
      this.http.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve),
    );
    this.hub.start();
    this.feed.start((symbol, kind, payload) => this.publish(symbol, kind, payload));
    return this.url;
  }

  get url(): string {
    const address = this.http.address() as AddressInfo;
    return `http://${address.address}:${address.port}`;
  }

  get wsUrl(): string {
    return this.url.replace(/^http/, 'ws');
  }

  async close(): Promise<void> {
    this.feed.stop();
    this.hub.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private publish(symbol: string, kind: StreamKind, payload: object): void {
    if ((kind === 'trade' || kind === 'aggTrade') && this.faults.dropsTrade(kind, symbol)) return;
    if (kind !== 'depth@100ms' && kind !== 'depth@1000ms')
      return this.hub.broadcast(symbol, kind, payload);
    const fate = this.faults.diffFate(symbol);
    if (fate !== 'drop') this.hub.broadcast(symbol, kind, payload, fate === 'duplicate' ? 2 : 1);
  }

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    try {
      const response = HEALTH_PATHS.has(url.pathname)
        ? // Probes of a deployment (compose, Kubernetes), never charged to the weight budget.
          { status: 200, body: { status: 'ok' } }
        : url.pathname.startsWith('/debug/')
          ? await this.debug(req, url)
          : await this.rest.handle(
              url.pathname,
              url.searchParams,
              req.socket.remoteAddress ?? 'unknown',
            );
      send(res, response);
    } catch (error) {
      send(res, { status: 500, body: { code: -1000, msg: (error as Error).message } });
    }
  }

  private async debug(req: IncomingMessage, url: URL): Promise<RestResponse> {
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /debug/book': {
        const symbol = url.searchParams.get('symbol') ?? '';
        const limit = url.searchParams.has('limit')
          ? Number(url.searchParams.get('limit'))
          : undefined;
        const book = this.feed.trueBook(symbol, limit);
        return book
          ? { status: 200, body: { symbol, ...book } }
          : { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
      }
      case 'POST /debug/faults': {
        const body = (await readJson(req)) as FaultSettings & FaultActions;
        this.faults.configure(body);
        let disconnected = 0;
        if (body.disconnect !== undefined) disconnected = this.hub.disconnect(body.disconnect);
        if (body.serverShutdown) disconnected += this.hub.shutdownAll(body.shutdownGraceMs ?? 100);
        return { status: 200, body: { ok: true, connectionsAffected: disconnected } };
      }
      case 'GET /debug/faults':
        return { status: 200, body: this.faults.injected };
      case 'POST /debug/pause':
      case 'POST /debug/resume':
        this.feed.setPaused(url.pathname.endsWith('pause'));
        return { status: 200, body: { paused: url.pathname.endsWith('pause') } };
      case 'POST /debug/status': {
        const { symbol, status } = (await readJson(req)) as { symbol?: unknown; status?: unknown };
        if (
          typeof symbol !== 'string' ||
          !this.feed.symbols.includes(symbol) ||
          typeof status !== 'string' ||
          !this.feed.setStatus
        ) {
          return { status: 400, body: { code: -1121, msg: 'Invalid symbol or status.' } };
        }
        this.feed.setStatus(symbol, status);
        return { status: 200, body: { symbol, status } };
      }
      case 'GET /debug/connections':
        return { status: 200, body: this.hub.list() };
      default:
        return { status: 404, body: { code: -1, msg: 'Not found' } };
    }
  }
}

/** Liveness and readiness paths, as every app serves them: listening is all it takes. */
const HEALTH_PATHS = new Set(['/health/live', '/health/ready']);

function send(res: ServerResponse, response: RestResponse): void {
  res.writeHead(response.status, { 'Content-Type': 'application/json', ...response.headers });
  res.end(JSON.stringify(response.body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : JSON.parse(text);
}
