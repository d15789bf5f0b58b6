import { Writable } from 'node:stream';
import { CorkedWrites } from './corked-writes';

/** A stream that records each write call it makes below the buffer: one entry per system call. */
class RecordingSocket extends Writable {
  readonly calls: string[][] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.calls.push([chunk.toString()]);
    done();
  }

  override _writev(chunks: { chunk: Buffer }[], done: () => void): void {
    this.calls.push(chunks.map(({ chunk }) => chunk.toString()));
    done();
  }
}

describe(CorkedWrites.name, () => {
  let turnEnds: (() => void)[];
  let writes: CorkedWrites;
  const endTurn = () => turnEnds.splice(0).forEach((run) => run());

  beforeEach(() => {
    turnEnds = [];
    writes = new CorkedWrites((run) => turnEnds.push(run));
  });

  it("lets one socket's writes of a turn leave together, in order, when the turn ends", () => {
    const socket = new RecordingSocket();
    for (const frame of ['f1', 'f2', 'f3']) {
      writes.cork(socket);
      socket.write(frame);
    }
    expect(socket.calls).toEqual([]);
    expect(writes.pending).toBe(1);

    expect(writes.turn).toBe(0);

    endTurn();
    expect(socket.calls).toEqual([['f1', 'f2', 'f3']]);
    expect(socket.writableCorked).toBe(0);
    expect(writes.pending).toBe(0);
    expect(writes.turn).toBe(1);
  });

  it('schedules one release per turn for all sockets, and corks afresh in the next turn', () => {
    const [a, b] = [new RecordingSocket(), new RecordingSocket()];
    writes.cork(a);
    a.write('a1');
    writes.cork(b);
    b.write('b1');
    expect(turnEnds).toHaveLength(1);
    endTurn();

    writes.cork(a);
    a.write('a2');
    expect(turnEnds).toHaveLength(1);
    endTurn();
    expect(a.calls).toEqual([['a1'], ['a2']]);
    expect(b.calls).toEqual([['b1']]);
  });

  it("leaves a socket corked by its owner to the owner's uncork", () => {
    const socket = new RecordingSocket();
    socket.cork();
    writes.cork(socket);
    socket.write('x');
    endTurn();
    expect(socket.calls).toEqual([]);
    socket.uncork();
    expect(socket.calls).toEqual([['x']]);
  });
});
