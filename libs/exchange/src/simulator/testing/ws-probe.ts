import { WebSocket } from 'ws';

/** A bare `ws` client for the simulator's tests: records every frame, waits for the ones asked. */
export class WsProbe {
  readonly messages: Record<string, unknown>[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
        for (const wake of this.waiters.splice(0)) wake();
      }),
    );
  }

  /** `autoPong: false` makes a client that never answers pings. */
  static async open(url: string, options: { autoPong?: boolean } = {}): Promise<WsProbe> {
    const socket = new WebSocket(url, options);
    const probe = new WsProbe(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return probe;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Resolves with the first recorded message (from index `from`) that matches. */
  async waitFor(
    match: (message: Record<string, unknown>) => boolean,
    timeoutMs = 5000,
    from = 0,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline || this.socket.readyState === WebSocket.CLOSED) {
        throw new Error(
          `no matching message within ${timeoutMs} ms (${this.messages.length} received)`,
        );
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async waitForCount(
    match: (message: Record<string, unknown>) => boolean,
    count: number,
    timeoutMs = 5000,
  ) {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.filter(match).length < count) {
      if (Date.now() > deadline)
        throw new Error(`fewer than ${count} matching messages in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.messages.filter(match);
  }

  close(): void {
    this.socket.terminate();
  }
}
