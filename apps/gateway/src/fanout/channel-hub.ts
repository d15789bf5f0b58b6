import { ChannelFrame } from '@app/contracts';

/** Anything a frame can be written to: a WebSocket in production, an array in tests. */
export interface FrameSink {
  send(text: string): void;
}

interface Channel {
  subscribers: Set<FrameSink>;
  seq: number;
  latest: ChannelFrame | null;
}

/**
 * Channel fan-out, free of any framework: each update is serialized once and the same string is
 * written to every subscriber. Keeps a per-channel sequence number and the latest frame, so a new
 * subscriber gets an immediate snapshot and can detect gaps afterwards.
 */
export class ChannelHub {
  private readonly channels = new Map<string, Channel>();

  /** Subscribes and returns the snapshot frame to send first (null when nothing was seen yet). */
  subscribe(channel: string, sink: FrameSink): string | null {
    const state = this.channel(channel);
    state.subscribers.add(sink);
    return state.latest ? JSON.stringify({ ...state.latest, type: 'snapshot' }) : null;
  }

  /** Returns whether the sink was subscribed. */
  unsubscribe(channel: string, sink: FrameSink): boolean {
    return this.channels.get(channel)?.subscribers.delete(sink) ?? false;
  }

  /** Unsubscribes a sink from everything, e.g. when its connection closes. */
  remove(sink: FrameSink, channels: Iterable<string>): void {
    for (const channel of channels) this.unsubscribe(channel, sink);
  }

  /** Publishes an update; returns how many subscribers it was written to. */
  publish<T>(channel: string, data: T, exchangeTime: number | null, producedAt: number): number {
    const state = this.channel(channel);
    state.seq += 1;
    const frame: ChannelFrame<T> = {
      type: 'update',
      channel,
      seq: state.seq,
      exchangeTime,
      producedAt,
      data,
    };
    state.latest = frame;
    if (state.subscribers.size === 0) return 0;
    const text = JSON.stringify(frame);
    for (const sink of state.subscribers) sink.send(text);
    return state.subscribers.size;
  }

  subscriberCount(channel: string): number {
    return this.channels.get(channel)?.subscribers.size ?? 0;
  }

  private channel(name: string): Channel {
    let state = this.channels.get(name);
    if (!state) {
      state = { subscribers: new Set(), seq: 0, latest: null };
      this.channels.set(name, state);
    }
    return state;
  }
}
