import { CombinedStreamClient, CombinedStreamClientOptions } from '../combined-stream-client';
import { CombinedStreamMessage } from '../binance-events';
import { exchangeIdOf, StreamDedupe } from './exchange-ids';
import { RolloverSwitch } from './rollover-switch';
import { MAX_STREAMS_PER_CONNECTION, normalizeStreamName, shardStreams } from './stream-sharding';

type ClientTuning = Pick<
  CombinedStreamClientOptions,
  | 'silenceTimeoutMs'
  | 'backoffBaseMs'
  | 'backoffCapMs'
  | 'urlStreamLimit'
  | 'controlMessagesPerSecond'
  | 'streamsPerSubscribe'
>;

export interface StreamConnectionPoolOptions extends ClientTuning {
  baseUrl: string;
  streams: string[];
  /** Every event exactly once per exchange id, in the order the exchange sent it per stream. */
  onMessage: (message: CombinedStreamMessage, receivedAt: number) => void;
  onEvent?: (event: PoolEvent) => void;
  /** Streams per connection (Binance allows at most 1024). */
  streamsPerConnection?: number;
  /** Open a replacement this long after a connection opened (Binance closes at 24 h). */
  maxConnectionAgeMs?: number;
  /** Switch to the replacement after this long even if it has not caught up (the old may die). */
  maxOverlapMs?: number;
  /** How often connection ages are checked. */
  ageCheckIntervalMs?: number;
  now?: () => number;
}

export type PoolEvent =
  | { kind: 'connected' | 'disconnected'; shard: number; detail?: string }
  | { kind: 'rollover-started' | 'rollover-abandoned' | 'server-shutdown'; shard: number }
  | { kind: 'rollover-completed'; shard: number; forced: boolean };

interface Shard {
  index: number;
  streams: string[];
  primary: CombinedStreamClient;
  candidate: CombinedStreamClient | null;
  rollover: RolloverSwitch<CombinedStreamMessage> | null;
  rolloverStartedAt: number;
}

export const DEFAULT_MAX_CONNECTION_AGE_MS = (23 * 60 + 50) * 60_000;

/**
 * All streams, sharded over combined-stream connections, delivered without loss or duplicates
 * across reconnects and the exchange's 24-hour disconnect: before a connection's age limit (or on
 * `serverShutdown`) a replacement is opened, and traffic switches to it only once it has caught up
 * (see `RolloverSwitch`); duplicates from the overlap are dropped by the exchange's own ids.
 */
export class StreamConnectionPool {
  private shards: Shard[] = [];
  private nextShardIndex = 0;
  private ageTimer: NodeJS.Timeout | null = null;
  private readonly dedupe = new StreamDedupe();
  private paused = false;
  private readonly now: () => number;

  constructor(private readonly options: StreamConnectionPoolOptions) {
    this.now = options.now ?? Date.now;
  }

  get connectionCount(): number {
    return this.shards.length;
  }

  get duplicatesDropped(): number {
    return this.dedupe.duplicates;
  }

  get reconnects(): number {
    return this.shards.reduce((sum, shard) => sum + shard.primary.reconnects, 0);
  }

  start(): void {
    this.shards = shardStreams(this.options.streams, this.perConnection).map((streams) =>
      this.openShard(streams),
    );
    const every = this.options.ageCheckIntervalMs ?? 1_000;
    this.ageTimer = setInterval(() => this.checkAges(), every);
    this.ageTimer.unref();
  }

  /** Every stream currently subscribed, over all connections. */
  get streams(): string[] {
    return this.shards.flatMap((shard) => shard.streams);
  }

  /**
   * Adds streams while running: into connections with room first (by paced SUBSCRIBE messages),
   * the rest on new connections. Streams already subscribed are left alone.
   */
  subscribe(streams: readonly string[]): void {
    const held = new Set(this.streams);
    let rest = [...new Set(streams.map(normalizeStreamName))].filter((s) => !held.has(s));
    for (const shard of this.shards) {
      const added = rest.slice(0, Math.max(this.perConnection - shard.streams.length, 0));
      if (added.length === 0) continue;
      rest = rest.slice(added.length);
      shard.streams.push(...added);
      shard.primary.subscribe(added);
      shard.candidate?.subscribe(added);
    }
    for (const added of shardStreams(rest, this.perConnection)) {
      this.shards.push(this.openShard(added));
    }
  }

  /** Removes streams while running (UNSUBSCRIBE); a connection left with none is closed. */
  unsubscribe(streams: readonly string[]): void {
    const removed = new Set(streams.map(normalizeStreamName));
    for (const shard of this.shards) {
      const gone = shard.streams.filter((stream) => removed.has(stream));
      if (gone.length === 0) continue;
      shard.streams = shard.streams.filter((stream) => !removed.has(stream));
      shard.primary.unsubscribe(gone);
      shard.candidate?.unsubscribe(gone);
    }
    for (const shard of this.shards.filter((s) => s.streams.length === 0)) {
      void shard.primary.stop();
      void shard.candidate?.stop();
    }
    this.shards = this.shards.filter((shard) => shard.streams.length > 0);
  }

  private get perConnection(): number {
    return Math.min(this.options.streamsPerConnection ?? 1024, MAX_STREAMS_PER_CONNECTION);
  }

  private openShard(streams: string[]): Shard {
    const shard: Shard = {
      index: this.nextShardIndex++,
      streams,
      primary: null as unknown as CombinedStreamClient,
      candidate: null,
      rollover: null,
      rolloverStartedAt: 0,
    };
    shard.primary = this.openClient(shard);
    return shard;
  }

  async stop(): Promise<void> {
    if (this.ageTimer) clearInterval(this.ageTimer);
    const clients = this.clients();
    this.shards = [];
    await Promise.all(clients.map((client) => client.stop()));
  }

  /** Stops reading frames on every connection, for a moment (see `CombinedStreamClient.pause`). */
  pause(): void {
    this.paused = true;
    for (const client of this.clients()) client.pause();
  }

  resume(): void {
    this.paused = false;
    for (const client of this.clients()) client.resume();
  }

  private clients(): CombinedStreamClient[] {
    return this.shards.flatMap((shard) =>
      shard.candidate ? [shard.primary, shard.candidate] : [shard.primary],
    );
  }

  /** Opens the replacement of a shard's connection now (age limit reached or server shutdown). */
  rollOver(shardIndex: number): void {
    const shard = this.shards.find((s) => s.index === shardIndex);
    if (!shard || shard.candidate) return;
    shard.rollover = new RolloverSwitch();
    shard.rolloverStartedAt = this.now();
    shard.candidate = this.openClient(shard);
    this.options.onEvent?.({ kind: 'rollover-started', shard: shard.index });
  }

  private openClient(shard: Shard): CombinedStreamClient {
    const client: CombinedStreamClient = new CombinedStreamClient({
      ...this.options,
      streams: shard.streams,
      now: this.now,
      onMessage: (message, receivedAt) => this.route(shard, client, message, receivedAt),
      onStateChange: (state, detail) => {
        this.options.onEvent?.({ kind: state, shard: shard.index, detail });
        // The old connection died mid-rollover: the replacement is all we have.
        if (state === 'disconnected' && client === shard.primary && shard.candidate) {
          this.completeRollover(shard, true);
        }
      },
      onServerShutdown: () => {
        this.options.onEvent?.({ kind: 'server-shutdown', shard: shard.index });
        if (client === shard.primary) this.rollOver(shard.index);
      },
    });
    if (this.paused) client.pause();
    client.start();
    return client;
  }

  private route(
    shard: Shard,
    client: CombinedStreamClient,
    message: CombinedStreamMessage,
    receivedAt: number,
  ): void {
    const id = exchangeIdOf(message.stream, message.data);
    if (client === shard.primary) {
      shard.rollover?.notePrimary(message.stream, id);
      this.forward(message, id, receivedAt);
    } else if (client === shard.candidate && shard.rollover) {
      const room = shard.rollover.holdCandidate({
        stream: message.stream,
        id,
        message,
        receivedAt,
      });
      if (!room) return this.completeRollover(shard, true);
    } else {
      return; // a connection already replaced: everything it sends is covered by its successor
    }
    if (shard.rollover?.caughtUp((stream) => this.dedupe.lastId(stream))) {
      this.completeRollover(shard, false);
    }
  }

  private forward(message: CombinedStreamMessage, id: number | null, receivedAt: number): void {
    if (this.dedupe.accept(message.stream, id)) this.options.onMessage(message, receivedAt);
  }

  private completeRollover(shard: Shard, forced: boolean): void {
    const { candidate, rollover } = shard;
    if (!candidate || !rollover) return;
    const old = shard.primary;
    shard.primary = candidate;
    shard.candidate = null;
    shard.rollover = null;
    for (const held of rollover.drain()) this.forward(held.message, held.id, held.receivedAt);
    void old.stop();
    this.options.onEvent?.({ kind: 'rollover-completed', shard: shard.index, forced });
  }

  private abandonRollover(shard: Shard): void {
    void shard.candidate?.stop();
    shard.candidate = null;
    shard.rollover = null;
    this.options.onEvent?.({ kind: 'rollover-abandoned', shard: shard.index });
  }

  private checkAges(): void {
    const now = this.now();
    const maxAge = this.options.maxConnectionAgeMs ?? DEFAULT_MAX_CONNECTION_AGE_MS;
    const maxOverlap = this.options.maxOverlapMs ?? 60_000;
    for (const shard of this.shards) {
      if (shard.candidate) {
        if (now - shard.rolloverStartedAt < maxOverlap) continue;
        // A replacement that never opened is no better than the old connection: try again later.
        if (shard.candidate.isOpen) this.completeRollover(shard, true);
        else this.abandonRollover(shard);
      } else if (shard.primary.connectedAt > 0 && now - shard.primary.connectedAt >= maxAge) {
        this.rollOver(shard.index);
      }
    }
  }
}
