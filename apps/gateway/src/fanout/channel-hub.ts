import { ChannelFrame } from '@app/contracts';

/**
 * Anything a frame can be written to: a WebSocket in production, an array in tests. A frame is the
 * UTF-8 bytes of one JSON text frame; a channel update's bytes are one `Buffer` shared by every
 * subscriber, so a sink must not modify them.
 */
export interface FrameSink {
  /** `channel` is given for channel updates, so a slow sink can conflate per channel. */
  send(frame: Buffer, channel?: string): void;
  /** Ends the connection, e.g. for a protocol violation (1008). */
  close?(code: number, reason: string): void;
}

interface Channel {
  subscribers: Set<FrameSink>;
  seq: number;
  /** The snapshot to give a new subscriber, without its `type`. */
  latest: Omit<ChannelFrame, 'type'> | null;
}

/** What a snapshot is built from when the hub has seen no update yet (e.g. read from Redis). */
export interface SnapshotSeed {
  data: unknown;
  exchangeTime: number | null;
  producedAt: number;
}

/**
 * Channel fan-out, free of any framework: each update is serialized once into a `Buffer` and the same
 * bytes are written to every subscriber (a string would be UTF-8 encoded again for every socket). Keeps a per-channel sequence number and the latest snapshot, so a
 * new subscriber gets an immediate snapshot and can detect gaps afterwards.
 */
export class ChannelHub {
  private readonly channels = new Map<string, Channel>();

  /** Subscribes and returns the snapshot frame to send first (null when nothing was seen yet). */
  subscribe(channel: string, sink: FrameSink): Buffer | null {
    const state = this.channel(channel);
    state.subscribers.add(sink);
    return state.latest ? encodeFrame({ type: 'snapshot', ...state.latest }) : null;
  }

  /** Whether a snapshot is held for the channel (from an update or a seed). */
  hasSnapshot(channel: string): boolean {
    return (this.channels.get(channel)?.latest ?? null) !== null;
  }

  /**
   * Sets the snapshot of a channel that has none yet, keeping its seq: data read from the cache
   * after a restart. Ignored once an update has arrived, since that is newer.
   */
  seed(channel: string, seed: SnapshotSeed): void {
    const state = this.channel(channel);
    if (state.latest) return;
    state.latest = {
      channel,
      seq: state.seq,
      exchangeTime: seed.exchangeTime,
      producedAt: seed.producedAt,
      data: seed.data,
    };
  }

  /** The data a new subscriber's snapshot would carry, for updates that build on it. */
  snapshotData(channel: string): unknown {
    return this.channels.get(channel)?.latest?.data;
  }

  /** Returns whether the sink was subscribed. */
  unsubscribe(channel: string, sink: FrameSink): boolean {
    return this.channels.get(channel)?.subscribers.delete(sink) ?? false;
  }

  /** Unsubscribes a sink from everything, e.g. when its connection closes. */
  remove(sink: FrameSink, channels: Iterable<string>): void {
    for (const channel of channels) this.unsubscribe(channel, sink);
  }

  /**
   * Publishes an update; returns how many subscribers it was written to. `snapshotData` is what a
   * later subscriber's snapshot carries when it differs from the update (e.g. the recent trades
   * list, where each update is one trade).
   */
  publish<T>(
    channel: string,
    data: T,
    exchangeTime: number | null,
    producedAt: number,
    snapshotData: unknown = data,
  ): number {
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
    state.latest = { channel, seq: state.seq, exchangeTime, producedAt, data: snapshotData };
    if (state.subscribers.size === 0) return 0;
    const bytes = encodeFrame(frame);
    for (const sink of state.subscribers) sink.send(bytes, channel);
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

/** A server frame as the bytes a sink writes. */
export function encodeFrame(frame: object): Buffer {
  return Buffer.from(JSON.stringify(frame));
}
