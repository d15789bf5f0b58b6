import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { CorkedWrites } from './corked-writes';
import { SocketLike } from './socket-sink';
import { sharedTextFrame } from './text-frame';

/**
 * A `ws` WebSocket as the sink's socket, on the cheapest write path: the text frame of an update is
 * built once (`sharedTextFrame`) and written straight to the TCP socket under `CorkedWrites`, so a
 * delivery is one buffered `write` and a client's frames of one event-loop turn share a system call.
 * `ws` itself would frame, and write header and payload, once per client and per message.
 *
 * Writing to `ws`'s TCP socket (`_socket`, not in its typings) is sound only while `ws` writes
 * nothing out of order itself: the connection is open and no extension (permessage-deflate) is
 * negotiated, so `ws`'s own frames (pings, close) also go to the socket synchronously, in order.
 * Otherwise frames go through `ws.send`.
 */
export class CorkedWebSocket implements SocketLike {
  /** Bytes written in the current turn (`writes.turn === turn`), held by the cork. */
  private corkedBytes = 0;
  private turn = -1;

  constructor(
    private readonly ws: WebSocket,
    private readonly writes: CorkedWrites,
  ) {}

  /**
   * What the client has not taken yet from earlier turns. The frames of the current turn are held
   * by the cork, not by a slow client: counting them would conflate a healthy client that gets a
   * burst of updates in one turn. A slow client's backlog shows from the next turn on.
   */
  get bufferedAmount(): number {
    const corked = this.turn === this.writes.turn ? this.corkedBytes : 0;
    return Math.max(0, this.ws.bufferedAmount - corked);
  }

  send(frame: Buffer): void {
    const tcp = this.rawSocket();
    if (tcp === null) {
      this.ws.send(frame, { binary: false });
      return;
    }
    this.writes.cork(tcp);
    const bytes = sharedTextFrame(frame);
    if (this.turn !== this.writes.turn) {
      this.turn = this.writes.turn;
      this.corkedBytes = 0;
    }
    this.corkedBytes += bytes.length;
    tcp.write(bytes);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  private rawSocket(): Socket | null {
    if (this.ws.readyState !== WebSocket.OPEN || this.ws.extensions !== '') return null;
    const tcp = (this.ws as unknown as { _socket: Socket | null })._socket;
    // Destroyed before `ws` saw its 'close' event: let `ws` deal with it as it would.
    return tcp === null || tcp.destroyed ? null : tcp;
  }
}
