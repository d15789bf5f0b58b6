/**
 * What the bench's processes say to each other over IPC, and the frame every server sends: the
 * gateway's ticker update frame, whose `data.updateId` carries the producer's wall clock in µs so a
 * client in another process computes producer-to-client latency (ms `producedAt` is too coarse).
 */
export type ServerKind = 'gateway' | 'socketio' | 'ws';
export const SERVER_KINDS: ServerKind[] = ['gateway', 'socketio', 'ws'];
export const CHANNEL = 'ticker:BTCUSDT';
export const SYMBOL = 'BTCUSDT';

/** Wall clock in µs, comparable across processes on one machine. */
export const nowMicros = (): number =>
  Math.round((performance.timeOrigin + performance.now()) * 1000);

export interface MemoryFigures {
  rss: number;
  heapUsed: number;
}

/** Parent → server. */
export type ServerCommand =
  | { cmd: 'memory' }
  | { cmd: 'cpu' }
  | { cmd: 'produce'; id: number; rate: number; durationMs: number }
  | { cmd: 'stop' };

/** Server → parent. */
export type ServerReply =
  | { type: 'listening'; port: number }
  | { type: 'memory'; memory: MemoryFigures }
  /** CPU time (user + system) the process used so far, µs. */
  | { type: 'cpu'; micros: number }
  | { type: 'produced'; id: number; sent: number };

/** Parent → client process. */
export type ClientCommand =
  | { cmd: 'connect'; kind: ServerKind; port: number; count: number }
  | { cmd: 'measure'; kind: ServerKind }
  | { cmd: 'peek' }
  | { cmd: 'collect'; kind: ServerKind }
  | { cmd: 'http'; url: string; concurrency: number; durationMs: number }
  | { cmd: 'stop' };

/** Client process → parent. */
export type ClientReply =
  | { type: 'connected'; kind: ServerKind; count: number }
  | { type: 'measuring' }
  | { type: 'peeked'; received: number }
  | { type: 'collected'; received: number; first: number; last: number; latenciesUs: number[] }
  | { type: 'http'; requests: number; errors: number; elapsedMs: number };

/** The ticker frame of the gateway's `ticker:` channel, built for the socket.io and ws peers. */
export function tickerFrame(seq: number, producedAtUs: number): object {
  return {
    type: 'update',
    channel: CHANNEL,
    seq,
    exchangeTime: Math.floor(producedAtUs / 1000),
    producedAt: Math.floor(producedAtUs / 1000),
    data: tickerData(seq, producedAtUs),
  };
}

export function tickerData(seq: number, producedAtUs: number): Record<string, unknown> {
  return {
    symbol: SYMBOL,
    updateId: producedAtUs,
    bidPrice: `${97000 + (seq % 100)}.10`,
    bidQty: '1.25000000',
    askPrice: `${97000 + (seq % 100)}.20`,
    askQty: '0.75000000',
    lastPrice: null,
    priceChange: null,
    priceChangePercent: null,
    highPrice: null,
    lowPrice: null,
    volume: null,
    quoteVolume: null,
    tradeCount: null,
  };
}

export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sends one IPC message and resolves with the first reply that `match` accepts. */
export function request<R>(
  child: NodeJS.Process | import('node:child_process').ChildProcess,
  message: unknown,
  match: (reply: R) => boolean,
): Promise<R> {
  return new Promise((resolve) => {
    const onMessage = (reply: R) => {
      if (!match(reply)) return;
      child.off('message', onMessage);
      resolve(reply);
    };
    child.on('message', onMessage);
    if (message !== null) child.send?.(message as never);
  });
}
