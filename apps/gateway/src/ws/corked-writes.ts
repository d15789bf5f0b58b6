import type { Writable } from 'node:stream';

/**
 * Holds back the writes of one turn of the event loop and lets each socket's writes of that turn
 * leave together. The first write to a socket in a turn corks it; once the turn's work is done
 * (every update the consumer handed over meanwhile has been fanned out), every corked socket is
 * uncorked, so k frames queued for one client go out in one `writev` instead of k system calls.
 * Frames stay separate WebSocket frames in their original order: only the system calls are merged.
 */
export class CorkedWrites {
  private corked: Writable[] = [];
  private turns = 0;

  constructor(private readonly afterTurn: (run: () => void) => void = setImmediate) {}

  /** Call before writing to `socket`. */
  cork(socket: Writable): void {
    // Corked already: by this batch earlier in the turn (or by its owner, who will uncork it).
    if (socket.writableCorked > 0) return;
    socket.cork();
    this.corked.push(socket);
    if (this.corked.length === 1) this.afterTurn(() => this.uncorkAll());
  }

  /** Counts the releases: bytes written while it stays the same have not been handed to the kernel yet. */
  get turn(): number {
    return this.turns;
  }

  /** Sockets corked and not yet released. */
  get pending(): number {
    return this.corked.length;
  }

  private uncorkAll(): void {
    const sockets = this.corked;
    this.corked = [];
    this.turns += 1;
    for (const socket of sockets) socket.uncork();
  }
}
