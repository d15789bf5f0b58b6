export interface BufferedStreamMessage<T> {
  stream: string;
  id: number | null;
  message: T;
  receivedAt: number;
}

/**
 * Decides when a connection's replacement has caught up with it during a rollover. While both are
 * open the old connection stays the one we forward; the new one's messages are held here. A stream
 * has caught up once the old connection has forwarded an id at or beyond the first id the new one
 * delivered (so that id was seen on both: nothing lies between them). The switch happens when every
 * stream active on either connection since the overlap began has caught up.
 */
export class RolloverSwitch<T> {
  private readonly candidateFirst = new Map<string, number>();
  private readonly activeOnPrimary = new Set<string>();
  private readonly held: BufferedStreamMessage<T>[] = [];

  constructor(private readonly maxHeld = 1_000_000) {}

  notePrimary(stream: string, id: number | null): void {
    if (id !== null) this.activeOnPrimary.add(stream.toLowerCase());
  }

  /** Holds a message of the new connection; false when the buffer is full (switch now). */
  holdCandidate(item: BufferedStreamMessage<T>): boolean {
    const key = item.stream.toLowerCase();
    if (item.id !== null && !this.candidateFirst.has(key)) this.candidateFirst.set(key, item.id);
    this.held.push(item);
    return this.held.length < this.maxHeld;
  }

  caughtUp(lastForwarded: (stream: string) => number | undefined): boolean {
    if (this.candidateFirst.size === 0) return false;
    const streams = new Set([...this.activeOnPrimary, ...this.candidateFirst.keys()]);
    for (const stream of streams) {
      const first = this.candidateFirst.get(stream);
      const last = lastForwarded(stream);
      if (first === undefined || last === undefined || last < first) return false;
    }
    return true;
  }

  /** The new connection's held messages, in arrival order, to replay through the dedupe. */
  drain(): BufferedStreamMessage<T>[] {
    return this.held.splice(0);
  }
}
