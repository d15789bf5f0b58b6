import { ClientOptions, WebSocket } from 'ws';

/**
 * A real `ws` client that records every frame, so a test can wait for frames matching a condition
 * and then assert on exactly what a user would have received.
 */
export class WsTestClient {
  readonly frames: Record<string, unknown>[] = [];
  private closeInfo: { code: number; reason: string } | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) =>
      this.frames.push(JSON.parse(data.toString()) as Record<string, unknown>),
    );
    socket.on(
      'close',
      (code: number, reason: Buffer) => (this.closeInfo = { code, reason: reason.toString() }),
    );
  }

  /** `options` go to `ws`, e.g. `{ ca }` to trust a private CA over wss://. */
  static async connect(
    url: string,
    timeoutMs = 5000,
    options: ClientOptions = {},
  ): Promise<WsTestClient> {
    const socket = new WebSocket(url, options);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no WebSocket connection to ${url} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      socket.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return new WsTestClient(socket);
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  get closed(): { code: number; reason: string } | null {
    return this.closeInfo;
  }

  /** Waits until `count` frames satisfy `predicate`; returns them. */
  async waitFor(
    predicate: (frame: Record<string, unknown>) => boolean,
    count = 1,
    timeoutMs = 15_000,
  ): Promise<Record<string, unknown>[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = this.frames.filter(predicate);
      if (matching.length >= count) return matching.slice(0, count);
      if (Date.now() > deadline) {
        throw new Error(
          `got ${matching.length} of ${count} matching frames in ${timeoutMs} ms; last frames: ${JSON.stringify(this.frames.slice(-3))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
