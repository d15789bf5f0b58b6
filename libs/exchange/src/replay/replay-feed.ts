import { DepthSnapshotPayload } from '../simulator/binance-payloads';
import { ExchangeSymbolInfo, FeedSink, MarketFeed, splitSymbol } from '../simulator/market-feed';
import { readRecording, Recording, TradeStream } from './recording-reader';

export type { TradeStream } from './recording-reader';

export interface ReplayFeedOptions {
  /** A recorded day, e.g. `recordings/binance-spot/2021-04-05`. */
  dir: string;
  /** 1 = real time, 10 = ten times faster. */
  speed?: number;
  /** Hold the replay at its first event until `setPaused(false)` (`POST /debug/resume`). */
  startPaused?: boolean;
  now?: () => number;
}

/**
 * Serves a recording through the simulator's endpoints: every stream event at its recorded receive
 * time (scaled by `speed`, in receive order across streams and symbols), and `/api/v3/depth` with
 * the recorded snapshot as of the moment the recorder fetched it: a request made earlier in replay
 * time waits until then, as the live request did. A symbol recorded without a snapshot has no
 * `/api/v3/depth`: its diffs still flow, but no book can be synced from them.
 */
export class ReplayFeed implements MarketFeed {
  private readonly recording: Recording;
  private readonly speed: number;
  private readonly now: () => number;
  private cursor = 0;
  private startedAt = 0;
  private pausedAt: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private sink: FeedSink = () => undefined;
  private readonly lastBookTicker = new Map<string, Record<string, unknown>>();
  private readonly recentTrades = new Map<string, Record<string, unknown>[]>();
  private waiters: (() => void)[] = [];

  /** Reads the recording (streamed, gzip or plain) and returns a feed ready to `start`. */
  static async open(options: ReplayFeedOptions): Promise<ReplayFeed> {
    return new ReplayFeed(await readRecording(options.dir), options);
  }

  private constructor(recording: Recording, options: ReplayFeedOptions) {
    this.recording = recording;
    this.speed = options.speed ?? 1;
    this.now = options.now ?? Date.now;
    this.startPaused = options.startPaused ?? false;
  }

  private readonly startPaused: boolean;

  get symbols(): readonly string[] {
    return this.recording.symbols;
  }

  /** The trade stream a symbol was recorded with (`trade` or `aggTrade`), or null without trades. */
  tradeStreamOf(symbol: string): TradeStream | null {
    return this.recording.tradeStreams.get(symbol) ?? null;
  }

  /** Symbols whose recording holds no depth snapshot: their books cannot be synced. */
  get symbolsWithoutSnapshot(): string[] {
    return this.recording.symbols.filter((s) => !this.recording.snapshots.get(s)?.length);
  }

  /** Seconds of recorded time: the first event's receive time when the replay starts. */
  get replayTime(): number {
    const first = this.recording.events[0]?.recvTs ?? 0;
    const elapsedMs = (this.pausedAt ?? this.now()) - this.startedAt;
    return first + (elapsedMs / 1000) * this.speed;
  }

  get finished(): boolean {
    return this.cursor >= this.recording.events.length;
  }

  exchangeSymbols(): ExchangeSymbolInfo[] {
    return this.recording.symbols.map((symbol) => {
      const info = this.recording.exchangeInfoSymbols?.find((s) => s.symbol === symbol);
      const filters = (info?.filters ?? []) as {
        filterType: string;
        tickSize?: string;
        stepSize?: string;
      }[];
      const split = splitSymbol(symbol);
      const recorded = (field: 'status' | 'baseAsset' | 'quoteAsset', otherwise: string) =>
        typeof info?.[field] === 'string' ? info[field] : otherwise;
      return {
        symbol,
        status: recorded('status', 'TRADING'),
        baseAsset: recorded('baseAsset', split.baseAsset),
        quoteAsset: recorded('quoteAsset', split.quoteAsset),
        tickSize: filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize ?? '0.00000001',
        stepSize: filters.find((f) => f.filterType === 'LOT_SIZE')?.stepSize ?? '0.00000001',
      };
    });
  }

  async depth(symbol: string, limit: number): Promise<DepthSnapshotPayload> {
    const snapshots = this.recording.snapshots.get(symbol) ?? [];
    if (snapshots.length === 0) {
      throw new Error(`no depth snapshot was recorded for ${symbol}: its book cannot be synced`);
    }
    // The latest snapshot fetched by now, else the next one, once replay time reaches it.
    const fetched = snapshots.filter((s) => s.recvTs <= this.replayTime);
    const snapshot = fetched[fetched.length - 1] ?? snapshots[0];
    while (this.replayTime < snapshot.recvTs && !this.finished) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return {
      lastUpdateId: snapshot.lastUpdateId,
      bids: snapshot.bids.slice(0, limit),
      asks: snapshot.asks.slice(0, limit),
    };
  }

  bookTicker(symbol: string): object | undefined {
    const t = this.lastBookTicker.get(symbol);
    return t && { symbol, bidPrice: t.b, bidQty: t.B, askPrice: t.a, askQty: t.A, u: t.u };
  }

  /** Only what the replayed trades tell: the last price and the count so far. */
  ticker24h(symbol: string): object {
    const trades = this.recentTrades.get(symbol) ?? [];
    const last = trades[trades.length - 1];
    return {
      symbol,
      lastPrice: last?.price ?? '0',
      lastQty: last?.qty ?? '0',
      count: trades.length,
    };
  }

  trades(symbol: string, limit: number): object[] {
    return (this.recentTrades.get(symbol) ?? []).slice(-limit);
  }

  trueBook(): undefined {
    return undefined;
  }

  start(sink: FeedSink): void {
    this.sink = sink;
    this.startedAt = this.now();
    if (this.startPaused) this.pausedAt = this.startedAt;
    else this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.wake();
  }

  setPaused(paused: boolean): void {
    if (paused && this.pausedAt === null) {
      this.pausedAt = this.now();
      clearTimeout(this.timer);
    } else if (!paused && this.pausedAt !== null) {
      this.startedAt += this.now() - this.pausedAt;
      this.pausedAt = null;
      this.schedule();
    }
  }

  private schedule(): void {
    const events = this.recording.events;
    const time = this.replayTime;
    while (this.cursor < events.length && events[this.cursor].recvTs <= time) {
      const event = events[this.cursor++];
      this.remember(event.symbol, event.kind, event.payload);
      this.sink(event.symbol, event.kind, event.payload);
    }
    this.wake();
    if (this.cursor >= events.length) return;
    const dueInMs = ((events[this.cursor].recvTs - time) * 1000) / this.speed;
    this.timer = setTimeout(() => this.schedule(), Math.max(0, Math.ceil(dueInMs)));
  }

  private remember(symbol: string, kind: string, p: Record<string, unknown>): void {
    if (kind === 'bookTicker') this.lastBookTicker.set(symbol, p);
    if (kind !== 'aggTrade' && kind !== 'trade') return;
    const list = this.recentTrades.get(symbol) ?? [];
    const id = kind === 'aggTrade' ? p.a : p.t;
    list.push({ id, price: p.p, qty: p.q, time: p.T, isBuyerMaker: p.m, isBestMatch: true });
    if (list.length > 1000) list.shift();
    this.recentTrades.set(symbol, list);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
