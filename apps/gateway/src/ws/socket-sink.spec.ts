import { SinkClock, SocketLike, SocketSink } from './socket-sink';
import { socketTotals } from './ws-metrics';

class FakeSocket implements SocketLike {
  bufferedAmount = 0;
  readonly sent: string[] = [];
  closedWith: [number, string] | null = null;

  send(frame: Buffer): void {
    this.sent.push(frame.toString('utf8'));
  }

  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
  }
}

class ManualClock implements SinkClock {
  time = 0;
  private readonly tasks: { at: number; run: () => void }[] = [];

  now(): number {
    return this.time;
  }

  schedule(run: () => void, ms: number): void {
    this.tasks.push({ at: this.time + ms, run });
  }

  advance(ms: number): void {
    this.time += ms;
    for (;;) {
      const due = this.tasks.findIndex((task) => task.at <= this.time);
      if (due < 0) return;
      this.tasks.splice(due, 1)[0].run();
    }
  }
}

const bytes = (text: string) => Buffer.from(text);

const policy = { conflateAboveBytes: 100, closeAfterBehindMs: 1000, flushEveryMs: 50 };

describe(SocketSink.name, () => {
  let socket: FakeSocket;
  let clock: ManualClock;
  let sink: SocketSink;

  beforeEach(() => {
    socket = new FakeSocket();
    clock = new ManualClock();
    sink = new SocketSink(socket, policy, clock);
  });

  it('writes every update at once while the socket keeps up', () => {
    sink.send(bytes('a1'), 'ticker:A');
    sink.send(bytes('a2'), 'ticker:A');
    expect(socket.sent).toEqual(['a1', 'a2']);
  });

  it('past the threshold keeps only the latest update per channel, and writes them once drained', () => {
    const before = { ...socketTotals };
    socket.bufferedAmount = 101;
    sink.send(bytes('a1'), 'ticker:A');
    sink.send(bytes('b1'), 'book:B');
    sink.send(bytes('a2'), 'ticker:A');
    sink.send(bytes('ack')); // control frames are never held back
    expect(socket.sent).toEqual(['ack']);
    expect(sink.conflating).toBe(true);

    socket.bufferedAmount = 0;
    clock.advance(50);
    expect(socket.sent).toEqual(['ack', 'b1', 'a2']);
    expect(sink.conflating).toBe(false);
    expect(socketTotals.conflated - before.conflated).toBe(2);
    expect(socketTotals.dropped - before.dropped).toBe(1);
  });

  it('closes with 1008 and a reason a client that stays behind', () => {
    socket.bufferedAmount = 5000;
    sink.send(bytes('a1'), 'ticker:A');
    clock.advance(950);
    expect(socket.closedWith).toBeNull();
    clock.advance(50);
    expect(socket.closedWith).toEqual([1008, 'client too slow: fell behind the update stream']);
    sink.send(bytes('a2'), 'ticker:A');
    expect(socket.sent).toEqual([]);
  });

  it('counts the bytes written, not the characters', () => {
    const before = { ...socketTotals };
    sink.send(bytes('{"name":"Açaí"}'), 'ticker:A');
    expect(socketTotals.messages - before.messages).toBe(1);
    expect(socketTotals.bytes - before.bytes).toBe(17);
  });
});
