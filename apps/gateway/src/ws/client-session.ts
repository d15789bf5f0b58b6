import { ClientFrame, parseChannel, parseClientFrame, ServerFrame } from '@app/contracts';
import { ChannelHub, encodeFrame, FrameSink, SnapshotSeed } from '../fanout/channel-hub';

export interface SessionLimits {
  maxSubscriptions: number;
  /** Refused frames tolerated per window before the connection is closed with 1008. */
  maxRefusedFrames?: number;
  /** Frames of any kind tolerated per window before the connection is closed with 1008. */
  maxMessagesPerWindow?: number;
  /** Length of the counting window. */
  windowMs?: number;
}

/** Reads a snapshot for a channel the hub has none of (e.g. from Redis after a restart). */
export type SnapshotLoader = (channel: string) => Promise<SnapshotSeed | null>;

export const POLICY_VIOLATION = 1008;

/**
 * One WebSocket client's protocol state: which channels it holds, and what each of its frames
 * gets back. Knows nothing of sockets, so every rule is testable with a plain array as the sink.
 */
export class ClientSession {
  private readonly channels = new Set<string>();
  /** Per channel, the subscribe request whose snapshot is being loaded; a newer one wins. */
  private readonly loading = new Map<string, number>();
  private requestCount = 0;
  private windowStart = 0;
  private messagesInWindow = 0;
  private refusedInWindow = 0;
  private closed = false;

  constructor(
    private readonly hub: ChannelHub,
    private readonly sink: FrameSink,
    private readonly limits: SessionLimits,
    private readonly now: () => number = Date.now,
    private readonly loadSnapshot?: SnapshotLoader,
  ) {}

  get subscriptions(): ReadonlySet<string> {
    return this.channels;
  }

  /** Handles one text frame; returns false when the frame was refused with an error frame. */
  handle(text: string): boolean {
    if (this.closed) return false;
    this.countMessage();
    if (this.closed) return false;
    const parsed = parseClientFrame(text);
    const accepted = parsed.ok ? this.dispatch(parsed.frame) : (this.reply(parsed.error), false);
    if (!accepted) this.countRefused();
    return accepted;
  }

  /** A binary frame: not part of the protocol. */
  refuseBinary(): void {
    this.reply({ type: 'error', code: 'invalid_frame', message: 'frames must be JSON text' });
    this.countRefused();
  }

  close(): void {
    this.closed = true;
    this.hub.remove(this.sink, this.channels);
    this.channels.clear();
    this.loading.clear();
  }

  private countMessage(): void {
    const now = this.now();
    if (now - this.windowStart >= (this.limits.windowMs ?? 10_000)) {
      this.windowStart = now;
      this.messagesInWindow = 0;
      this.refusedInWindow = 0;
    }
    this.messagesInWindow += 1;
    if (this.messagesInWindow > (this.limits.maxMessagesPerWindow ?? 200)) {
      this.violate('message rate exceeded');
    }
  }

  private countRefused(): void {
    this.refusedInWindow += 1;
    if (this.refusedInWindow > (this.limits.maxRefusedFrames ?? 20)) {
      this.violate('too many invalid frames');
    }
  }

  private violate(reason: string): void {
    if (this.closed) return;
    this.close();
    this.sink.close?.(POLICY_VIOLATION, reason);
  }

  private dispatch(frame: ClientFrame): boolean {
    switch (frame.op) {
      case 'ping':
        this.reply({ type: 'pong', id: frame.id, time: this.now() });
        return true;
      case 'subscribe':
        return this.subscribe(frame.channel, frame.id);
      case 'unsubscribe':
        return this.unsubscribe(frame.channel, frame.id);
    }
  }

  private subscribe(channel: string, id: string | number | undefined): boolean {
    if (!parseChannel(channel)) {
      this.reply({
        type: 'error',
        code: 'unknown_channel',
        message: `unknown channel ${channel}; try ticker:BTCUSDT, book:BTCUSDT, trades:BTCUSDT, stats:BTCUSDT or markets`,
        id,
      });
      return false;
    }
    if (!this.channels.has(channel) && this.channels.size >= this.limits.maxSubscriptions) {
      this.reply({
        type: 'error',
        code: 'too_many_subscriptions',
        message: `at most ${this.limits.maxSubscriptions} subscriptions per connection`,
        id,
      });
      return false;
    }
    this.channels.add(channel);
    // Ack first, then the snapshot: the client knows the subscription exists before data arrives.
    this.reply({ type: 'ack', op: 'subscribe', channel, id });
    if (!this.loadSnapshot || this.hub.hasSnapshot(channel)) {
      this.attach(channel);
    } else {
      const load = this.loadSnapshot;
      // Not attached while loading: the snapshot, then updates from its seq on, with no gap.
      this.hub.unsubscribe(channel, this.sink);
      const request = ++this.requestCount;
      this.loading.set(channel, request);
      void load(channel)
        .catch(() => null)
        .then((seed) => {
          if (this.loading.get(channel) !== request) return;
          this.loading.delete(channel);
          if (seed) this.hub.seed(channel, seed);
          this.attach(channel);
        });
    }
    return true;
  }

  private attach(channel: string): void {
    const snapshot = this.hub.subscribe(channel, this.sink);
    if (snapshot) this.sink.send(snapshot, channel);
  }

  private unsubscribe(channel: string, id: string | number | undefined): boolean {
    if (!this.channels.delete(channel)) {
      this.reply({
        type: 'error',
        code: 'not_subscribed',
        message: `not subscribed to ${channel}`,
        id,
      });
      return false;
    }
    this.loading.delete(channel);
    this.hub.unsubscribe(channel, this.sink);
    this.reply({ type: 'ack', op: 'unsubscribe', channel, id });
    return true;
  }

  private reply(frame: ServerFrame): void {
    this.sink.send(encodeFrame(frame));
  }
}
