import { FrameSink } from '../fanout/channel-hub';
import { socketTotals, wsCloses } from './ws-metrics';

/** The part of a `ws` WebSocket the sink uses; a fake in tests. */
export interface SocketLike {
  readonly bufferedAmount: number;
  /** One text frame: its UTF-8 bytes. */
  send(frame: Buffer): void;
  close(code: number, reason: string): void;
}

export interface SlowClientPolicy {
  /** Past this many bytes waiting in the socket, updates are conflated instead of written. */
  conflateAboveBytes: number;
  /** A client still behind this long after conflation began is closed with 1008. */
  closeAfterBehindMs: number;
  /** How often a conflating sink checks whether the socket drained. */
  flushEveryMs: number;
}

export interface SinkClock {
  now(): number;
  schedule(run: () => void, ms: number): void;
}

const realClock: SinkClock = {
  now: () => Date.now(),
  schedule: (run, ms) => void setTimeout(run, ms).unref(),
};

/**
 * The slow-client policy between the hub and one socket. A client that keeps up gets every update
 * at once; one whose socket buffer grows past the threshold gets only the latest update per channel
 * (it will see a seq gap and can resubscribe), so it never holds memory or delays anyone else; one
 * that stays behind is closed with 1008 so it reconnects and starts from fresh snapshots.
 */
export class SocketSink implements FrameSink {
  private readonly pending = new Map<string, Buffer>();
  private behindSince: number | null = null;
  private closed = false;

  constructor(
    private readonly socket: SocketLike,
    private readonly policy: SlowClientPolicy,
    private readonly clock: SinkClock = realClock,
  ) {}

  send(frame: Buffer, channel?: string): void {
    if (this.closed) return;
    if (channel === undefined) return this.write(frame); // acks and errors are small and rare
    if (this.pending.size === 0 && this.socket.bufferedAmount <= this.policy.conflateAboveBytes) {
      return this.write(frame);
    }
    if (this.pending.has(channel)) socketTotals.dropped += 1;
    else socketTotals.conflated += 1;
    this.pending.delete(channel); // re-inserted last: pending keeps the order of the latest updates
    this.pending.set(channel, frame);
    if (this.behindSince === null) {
      this.behindSince = this.clock.now();
      this.clock.schedule(() => this.flush(), this.policy.flushEveryMs);
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    socketTotals.dropped += this.pending.size;
    this.pending.clear();
    wsCloses.inc({ reason });
    this.socket.close(code, reason);
  }

  get conflating(): boolean {
    return this.behindSince !== null;
  }

  private flush(): void {
    if (this.closed || this.behindSince === null) return;
    if (this.socket.bufferedAmount <= this.policy.conflateAboveBytes) {
      for (const frame of this.pending.values()) this.write(frame);
      this.pending.clear();
      this.behindSince = null;
      return;
    }
    if (this.clock.now() - this.behindSince >= this.policy.closeAfterBehindMs) {
      this.close(1008, 'client too slow: fell behind the update stream');
      return;
    }
    this.clock.schedule(() => this.flush(), this.policy.flushEveryMs);
  }

  private write(frame: Buffer): void {
    socketTotals.messages += 1;
    socketTotals.bytes += frame.length;
    this.socket.send(frame);
  }
}
