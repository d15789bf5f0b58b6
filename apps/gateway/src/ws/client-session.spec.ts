import { ChannelHub } from '../fanout/channel-hub';
import { ArraySink } from '../fanout/testing/array-sink';
import { ClientSession } from './client-session';

const NOW = 1700000000000;
const quote = { bidPrice: '27123.45', askPrice: '27123.46' };

describe(ClientSession.name, () => {
  let hub: ChannelHub;
  let sink: ArraySink;
  let session: ClientSession;

  beforeEach(() => {
    hub = new ChannelHub();
    sink = new ArraySink();
    session = new ClientSession(hub, sink, { maxSubscriptions: 2 }, () => NOW);
  });

  describe('subscribe', () => {
    it('acks, then delivers updates with seq counted from 1', () => {
      expect(session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT","id":1}')).toBe(true);
      hub.publish('ticker:BTCUSDT', quote, null, NOW + 3);
      hub.publish('ticker:BTCUSDT', quote, null, NOW + 4);

      expect(sink.frames).toEqual([
        '{"type":"ack","op":"subscribe","channel":"ticker:BTCUSDT","id":1}',
        '{"type":"update","channel":"ticker:BTCUSDT","seq":1,"exchangeTime":null,"producedAt":1700000000003,' +
          '"data":{"bidPrice":"27123.45","askPrice":"27123.46"}}',
        '{"type":"update","channel":"ticker:BTCUSDT","seq":2,"exchangeTime":null,"producedAt":1700000000004,' +
          '"data":{"bidPrice":"27123.45","askPrice":"27123.46"}}',
      ]);
      expect([...session.subscriptions]).toEqual(['ticker:BTCUSDT']);
    });

    it('sends the ack first, then a snapshot carrying the latest seq', () => {
      hub.publish('ticker:BTCUSDT', { bidPrice: '1.00' }, NOW - 10, NOW - 5);
      hub.publish('ticker:BTCUSDT', { bidPrice: '2.00' }, NOW - 2, NOW - 1);

      session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT","id":"s1"}');

      expect(sink.frames).toEqual([
        '{"type":"ack","op":"subscribe","channel":"ticker:BTCUSDT","id":"s1"}',
        '{"type":"snapshot","channel":"ticker:BTCUSDT","seq":2,"exchangeTime":1699999999998,' +
          '"producedAt":1699999999999,"data":{"bidPrice":"2.00"}}',
      ]);
    });

    it('continues with seq + 1 after the snapshot', () => {
      hub.publish('ticker:BTCUSDT', quote, null, 1);
      session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT"}');

      hub.publish('ticker:BTCUSDT', quote, null, 2);

      const seqs = sink.frames
        .slice(1)
        .map((text) => JSON.parse(text) as { type: string; seq: number });
      expect(seqs).toEqual([
        expect.objectContaining({ type: 'snapshot', seq: 1 }),
        expect.objectContaining({ type: 'update', seq: 2 }),
      ]);
    });

    it('writes the same update bytes to every subscribed session', () => {
      const otherSink = new ArraySink();
      const other = new ClientSession(hub, otherSink, { maxSubscriptions: 2 }, () => NOW);
      session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT"}');
      other.handle('{"op":"subscribe","channel":"ticker:BTCUSDT"}');

      hub.publish('ticker:BTCUSDT', quote, null, 1);

      expect(sink.frames).toHaveLength(2);
      expect(otherSink.written[1]).toBe(sink.written[1]);
    });

    it('refuses a channel it does not serve with unknown_channel', () => {
      expect(session.handle('{"op":"subscribe","channel":"ticker:btcusdt","id":7}')).toBe(false);

      expect(sink.frames).toEqual([
        '{"type":"error","code":"unknown_channel","message":"unknown channel ticker:btcusdt; try ticker:BTCUSDT, book:BTCUSDT, trades:BTCUSDT, stats:BTCUSDT or markets","id":7}',
      ]);
      expect(hub.subscriberCount('ticker:btcusdt')).toBe(0);
      expect(session.subscriptions.size).toBe(0);
    });

    it('refuses one subscription beyond the limit with too_many_subscriptions', () => {
      session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT"}');
      session.handle('{"op":"subscribe","channel":"ticker:ETHUSDT"}');

      expect(session.handle('{"op":"subscribe","channel":"ticker:BNBUSDT","id":3}')).toBe(false);

      expect(sink.frames[2]).toBe(
        '{"type":"error","code":"too_many_subscriptions","message":"at most 2 subscriptions per connection","id":3}',
      );
      expect(hub.subscriberCount('ticker:BNBUSDT')).toBe(0);
      expect([...session.subscriptions]).toEqual(['ticker:BTCUSDT', 'ticker:ETHUSDT']);
    });

    it('lets a client at the limit resubscribe to a channel it holds, for a fresh snapshot', () => {
      session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT"}');
      session.handle('{"op":"subscribe","channel":"ticker:ETHUSDT"}');
      hub.publish('ticker:BTCUSDT', quote, null, 1);
      sink.written.length = 0;

      expect(session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT","id":9}')).toBe(true);
      hub.publish('ticker:BTCUSDT', quote, null, 2);

      expect(sink.frames.map((text) => (JSON.parse(text) as { type: string }).type)).toEqual([
        'ack',
        'snapshot',
        'update',
      ]);
    });
  });

  describe('unsubscribe', () => {
    it('acks and stops delivery', () => {
      session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT"}');

      expect(session.handle('{"op":"unsubscribe","channel":"ticker:BTCUSDT","id":2}')).toBe(true);
      hub.publish('ticker:BTCUSDT', quote, null, 1);

      expect(sink.frames).toEqual([
        '{"type":"ack","op":"subscribe","channel":"ticker:BTCUSDT"}',
        '{"type":"ack","op":"unsubscribe","channel":"ticker:BTCUSDT","id":2}',
      ]);
      expect(session.subscriptions.size).toBe(0);
      expect(hub.subscriberCount('ticker:BTCUSDT')).toBe(0);
    });

    it('refuses a channel the client does not hold with not_subscribed', () => {
      expect(session.handle('{"op":"unsubscribe","channel":"ticker:ETHUSDT","id":"x"}')).toBe(
        false,
      );

      expect(sink.frames).toEqual([
        '{"type":"error","code":"not_subscribed","message":"not subscribed to ticker:ETHUSDT","id":"x"}',
      ]);
    });

    it('frees a slot under the limit', () => {
      session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT"}');
      session.handle('{"op":"subscribe","channel":"ticker:ETHUSDT"}');
      session.handle('{"op":"unsubscribe","channel":"ticker:BTCUSDT"}');

      expect(session.handle('{"op":"subscribe","channel":"ticker:BNBUSDT"}')).toBe(true);
    });
  });

  describe('ping', () => {
    it('answers pong with the id and the injected clock time', () => {
      expect(session.handle('{"op":"ping","id":3}')).toBe(true);

      expect(sink.frames).toEqual(['{"type":"pong","id":3,"time":1700000000000}']);
    });

    it('answers pong without an id when the ping had none', () => {
      session.handle('{"op":"ping"}');

      expect(sink.frames).toEqual(['{"type":"pong","time":1700000000000}']);
    });
  });

  describe('malformed frames', () => {
    it.each([
      [
        'not JSON',
        '{"op":',
        '{"type":"error","code":"invalid_json","message":"frame is not valid JSON"}',
      ],
      [
        'an unknown op',
        '{"op":"publish","id":5}',
        '{"type":"error","code":"unknown_op","message":"op must be one of subscribe, unsubscribe, ping","id":5}',
      ],
      [
        'a subscribe without a channel',
        '{"op":"subscribe","id":6}',
        '{"type":"error","code":"invalid_frame","message":"subscribe needs a channel such as ticker:BTCUSDT","id":6}',
      ],
    ])('answers %s with an error frame and returns false', (_case, text, reply) => {
      expect(session.handle(text)).toBe(false);

      expect(sink.frames).toEqual([reply]);
    });
  });

  describe('close', () => {
    it('removes the session from every channel it held', () => {
      const other = new ArraySink();
      hub.subscribe('ticker:BTCUSDT', other);
      session.handle('{"op":"subscribe","channel":"ticker:BTCUSDT"}');
      session.handle('{"op":"subscribe","channel":"ticker:ETHUSDT"}');
      const before = sink.frames.length;

      session.close();
      hub.publish('ticker:BTCUSDT', quote, null, 1);
      hub.publish('ticker:ETHUSDT', quote, null, 2);

      expect(sink.frames).toHaveLength(before);
      expect(hub.subscriberCount('ticker:BTCUSDT')).toBe(1);
      expect(hub.subscriberCount('ticker:ETHUSDT')).toBe(0);
      expect(session.subscriptions.size).toBe(0);
      expect(other.frames).toHaveLength(1);
    });
  });
});

class ClosableSink extends ArraySink {
  closedWith: [number, string] | null = null;

  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
  }
}

describe(`${ClientSession.name} abuse`, () => {
  it('closes with 1008 after too many refused frames, each answered with an error first', () => {
    const sink = new ClosableSink();
    const session = new ClientSession(new ChannelHub(), sink, {
      maxSubscriptions: 2,
      maxRefusedFrames: 3,
    });
    for (let i = 0; i < 3; i++) expect(session.handle('not json')).toBe(false);
    expect(sink.closedWith).toBeNull();
    session.handle('{"op":"dance"}');
    expect(sink.closedWith).toEqual([1008, 'too many invalid frames']);
    expect(sink.frames).toHaveLength(4);
    expect(session.handle('{"op":"ping"}')).toBe(false);
    expect(sink.frames).toHaveLength(4);
  });

  it('closes with 1008 when the message rate is exceeded, and counts afresh in a new window', () => {
    let now = NOW;
    const sink = new ClosableSink();
    const session = new ClientSession(
      new ChannelHub(),
      sink,
      { maxSubscriptions: 2, maxMessagesPerWindow: 3, windowMs: 1000 },
      () => now,
    );
    for (let i = 0; i < 3; i++) session.handle('{"op":"ping"}');
    now += 1000;
    for (let i = 0; i < 3; i++) session.handle('{"op":"ping"}');
    expect(sink.closedWith).toBeNull();
    session.handle('{"op":"ping"}');
    expect(sink.closedWith).toEqual([1008, 'message rate exceeded']);
    expect(sink.frames).toHaveLength(6);
  });
});

describe(`${ClientSession.name} snapshots from the cache`, () => {
  it('sends the loaded snapshot with seq 0, then updates from seq 1, none lost while loading', async () => {
    const hub = new ChannelHub();
    const sink = new ArraySink();
    let resolveLoad: (seed: {
      data: unknown;
      exchangeTime: number;
      producedAt: number;
    }) => void = () => undefined;
    const session = new ClientSession(
      hub,
      sink,
      { maxSubscriptions: 5 },
      () => NOW,
      () => new Promise((resolve) => (resolveLoad = resolve)),
    );
    session.handle('{"op":"subscribe","channel":"book:BTCUSDT","id":1}');
    resolveLoad({ data: { bids: [['1.0', '2.0']] }, exchangeTime: 7, producedAt: 8 });
    await new Promise((resolve) => setImmediate(resolve));
    hub.publish('book:BTCUSDT', { bids: [] }, 9, 10);

    expect(sink.frames).toEqual([
      '{"type":"ack","op":"subscribe","channel":"book:BTCUSDT","id":1}',
      '{"type":"snapshot","channel":"book:BTCUSDT","seq":0,"exchangeTime":7,"producedAt":8,"data":{"bids":[["1.0","2.0"]]}}',
      '{"type":"update","channel":"book:BTCUSDT","seq":1,"exchangeTime":9,"producedAt":10,"data":{"bids":[]}}',
    ]);
  });
});
