import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Snapshot {
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

/**
 * `GET /api/v3/depth` as Binance answers it, from snapshots the test sets; it can answer the next
 * requests with 429 and a Retry-After, and records every request it gets.
 */
export class FakeSnapshotServer {
  readonly requests: { symbol: string; limit: number; at: number; status: number }[] = [];
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly refusals = new Map<string, number>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSnapshotServer> {
    const server = createServer();
    const fake = new FakeSnapshotServer(server);
    server.on('request', (request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const symbol = url.searchParams.get('symbol') ?? '';
      const limit = Number(url.searchParams.get('limit'));
      const refusals = fake.refusals.get(symbol) ?? 0;
      const snapshot = fake.snapshots.get(symbol);
      const status =
        url.pathname !== '/api/v3/depth' ? 404 : refusals > 0 ? 429 : snapshot ? 200 : 400;
      fake.requests.push({ symbol, limit, at: Date.now(), status });
      if (status === 429) {
        fake.refusals.set(symbol, refusals - 1);
        response.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' });
        response.end('{"code":-1003,"msg":"Too many requests"}');
        return;
      }
      if (status !== 200) {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end('{"code":-1121,"msg":"Invalid symbol."}');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          lastUpdateId: snapshot!.lastUpdateId,
          bids: snapshot!.bids.slice(0, limit),
          asks: snapshot!.asks.slice(0, limit),
        }),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  setSnapshot(symbol: string, snapshot: Snapshot): void {
    this.snapshots.set(symbol, snapshot);
  }

  /** The next `count` requests for `symbol` get 429 with `Retry-After: 1`. */
  refuseNext(symbol: string, count: number): void {
    this.refusals.set(symbol, count);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
