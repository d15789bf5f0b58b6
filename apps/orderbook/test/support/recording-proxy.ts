import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedExchange {
  /** Path and query as the client sent them, e.g. `/api/v3/depth?symbol=BTCUSDT&limit=5000`. */
  url: string;
  status: number;
  /** The answer as the client received it. */
  body: string;
}

/**
 * Stands between a client and a real exchange (the simulator): forwards each GET as it came and
 * records the request line and the answer, so a test sees what went over the wire rather than
 * what the client says it asked for.
 */
export class RecordingProxy {
  readonly exchanges: RecordedExchange[] = [];

  private constructor(private readonly server: Server) {}

  static async start(target: string): Promise<RecordingProxy> {
    const server = createServer();
    const proxy = new RecordingProxy(server);
    server.on('request', (request, response) => {
      const url = request.url ?? '/';
      void fetch(new URL(url, target)).then(
        async (answer) => {
          const body = await answer.text();
          proxy.exchanges.push({ url, status: answer.status, body });
          const retryAfter = answer.headers.get('retry-after');
          response.writeHead(answer.status, {
            'Content-Type': answer.headers.get('content-type') ?? 'application/json',
            ...(retryAfter === null ? {} : { 'Retry-After': retryAfter }),
          });
          response.end(body);
        },
        () => {
          response.writeHead(502);
          response.end();
        },
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
