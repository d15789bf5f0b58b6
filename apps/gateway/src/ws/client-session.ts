import { ClientFrame, parseChannel, parseClientFrame, ServerFrame } from '@app/contracts';
import { ChannelHub, FrameSink } from '../fanout/channel-hub';

export interface SessionLimits {
  maxSubscriptions: number;
}

/**
 * One WebSocket client's protocol state: which channels it holds, and what each of its frames
 * gets back. Knows nothing of sockets, so every rule is testable with a plain array as the sink.
 */
export class ClientSession {
  private readonly channels = new Set<string>();

  constructor(
    private readonly hub: ChannelHub,
    private readonly sink: FrameSink,
    private readonly limits: SessionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get subscriptions(): ReadonlySet<string> {
    return this.channels;
  }

  /** Handles one text frame; returns false when the frame was refused with an error frame. */
  handle(text: string): boolean {
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      this.reply(parsed.error);
      return false;
    }
    return this.dispatch(parsed.frame);
  }

  close(): void {
    this.hub.remove(this.sink, this.channels);
    this.channels.clear();
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
        message: `unknown channel ${channel}; try ticker:BTCUSDT`,
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
    const snapshot = this.hub.subscribe(channel, this.sink);
    if (snapshot) this.sink.send(snapshot);
    return true;
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
    this.hub.unsubscribe(channel, this.sink);
    this.reply({ type: 'ack', op: 'unsubscribe', channel, id });
    return true;
  }

  private reply(frame: ServerFrame): void {
    this.sink.send(JSON.stringify(frame));
  }
}
