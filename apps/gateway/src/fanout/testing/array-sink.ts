import { FrameSink } from '../channel-hub';

/** A sink that keeps what it was given: the frames' bytes, and the same decoded as text. */
export class ArraySink implements FrameSink {
  readonly written: Buffer[] = [];

  send(frame: Buffer): void {
    this.written.push(frame);
  }

  get frames(): string[] {
    return this.written.map((frame) => frame.toString('utf8'));
  }
}
