import { ChannelHub } from './channel-hub';
import { ArraySink } from './testing/array-sink';

const quote = { bidPrice: '27123.45', askPrice: '27123.46' };

describe(ChannelHub.name, () => {
  let hub: ChannelHub;

  beforeEach(() => {
    hub = new ChannelHub();
  });

  afterEach(() => jest.restoreAllMocks());

  it('writes the update to every subscriber and returns how many it reached', () => {
    const [a, b] = [new ArraySink(), new ArraySink()];
    hub.subscribe('ticker:BTCUSDT', a);
    hub.subscribe('ticker:BTCUSDT', b);

    expect(hub.publish('ticker:BTCUSDT', quote, 1700000000000, 1700000000003)).toBe(2);
    expect(a.frames).toEqual([
      '{"type":"update","channel":"ticker:BTCUSDT","seq":1,"exchangeTime":1700000000000,' +
        '"producedAt":1700000000003,"data":{"bidPrice":"27123.45","askPrice":"27123.46"}}',
    ]);
    expect(b.written[0]).toBe(a.written[0]); // the same bytes, not a copy
  });

  it('serializes each update once into bytes shared by every subscriber', () => {
    const sinks = [new ArraySink(), new ArraySink(), new ArraySink()];
    for (const sink of sinks) hub.subscribe('ticker:BTCUSDT', sink);
    const stringify = jest.spyOn(JSON, 'stringify');

    hub.publish('ticker:BTCUSDT', quote, null, 1700000000003);

    expect(stringify).toHaveBeenCalledTimes(1);
    expect(Buffer.isBuffer(sinks[0].written[0])).toBe(true);
    expect(sinks[1].written[0]).toBe(sinks[0].written[0]);
    expect(sinks[2].written[0]).toBe(sinks[0].written[0]);
  });

  it('numbers updates per channel, each channel from 1 on its own', () => {
    const sink = new ArraySink();
    hub.subscribe('ticker:BTCUSDT', sink);
    hub.subscribe('ticker:ETHUSDT', sink);

    hub.publish('ticker:BTCUSDT', quote, null, 1);
    hub.publish('ticker:BTCUSDT', quote, null, 2);
    hub.publish('ticker:ETHUSDT', quote, null, 3);
    hub.publish('ticker:BTCUSDT', quote, null, 4);

    expect(sink.frames.map((text) => JSON.parse(text) as { channel: string; seq: number })).toEqual(
      [
        expect.objectContaining({ channel: 'ticker:BTCUSDT', seq: 1 }),
        expect.objectContaining({ channel: 'ticker:BTCUSDT', seq: 2 }),
        expect.objectContaining({ channel: 'ticker:ETHUSDT', seq: 1 }),
        expect.objectContaining({ channel: 'ticker:BTCUSDT', seq: 3 }),
      ],
    );
  });

  it('counts updates published while nobody listened, and reports zero recipients', () => {
    expect(hub.publish('ticker:BTCUSDT', quote, null, 1)).toBe(0);
    expect(hub.publish('ticker:BTCUSDT', quote, null, 2)).toBe(0);
    const sink = new ArraySink();

    hub.subscribe('ticker:BTCUSDT', sink);
    hub.publish('ticker:BTCUSDT', quote, null, 3);

    expect(sink.frames).toEqual([
      '{"type":"update","channel":"ticker:BTCUSDT","seq":3,"exchangeTime":null,"producedAt":3,' +
        '"data":{"bidPrice":"27123.45","askPrice":"27123.46"}}',
    ]);
  });

  describe('subscribe', () => {
    it('returns null when the channel has seen no update yet', () => {
      expect(hub.subscribe('ticker:BTCUSDT', new ArraySink())).toBeNull();
    });

    it('returns a snapshot of the latest update with its seq', () => {
      hub.publish('ticker:BTCUSDT', { bidPrice: '1.00' }, 1700000000000, 1700000000001);
      hub.publish('ticker:BTCUSDT', { bidPrice: '2.00' }, 1700000000005, 1700000000006);

      expect(hub.subscribe('ticker:BTCUSDT', new ArraySink())?.toString()).toBe(
        '{"type":"snapshot","channel":"ticker:BTCUSDT","seq":2,"exchangeTime":1700000000005,' +
          '"producedAt":1700000000006,"data":{"bidPrice":"2.00"}}',
      );
    });

    it('does not write the snapshot to the sink itself', () => {
      hub.publish('ticker:BTCUSDT', quote, null, 1);
      const sink = new ArraySink();

      hub.subscribe('ticker:BTCUSDT', sink);

      expect(sink.frames).toEqual([]);
    });

    it('delivers once to a sink subscribed twice', () => {
      const sink = new ArraySink();
      hub.subscribe('ticker:BTCUSDT', sink);
      hub.subscribe('ticker:BTCUSDT', sink);

      expect(hub.publish('ticker:BTCUSDT', quote, null, 1)).toBe(1);
      expect(sink.frames).toHaveLength(1);
    });
  });

  describe('unsubscribe', () => {
    it('stops delivery to that sink only', () => {
      const [leaving, staying] = [new ArraySink(), new ArraySink()];
      hub.subscribe('ticker:BTCUSDT', leaving);
      hub.subscribe('ticker:BTCUSDT', staying);

      expect(hub.unsubscribe('ticker:BTCUSDT', leaving)).toBe(true);
      hub.publish('ticker:BTCUSDT', quote, null, 1);

      expect(leaving.frames).toEqual([]);
      expect(staying.frames).toHaveLength(1);
      expect(hub.subscriberCount('ticker:BTCUSDT')).toBe(1);
    });

    it('returns false for a sink that was not subscribed', () => {
      expect(hub.unsubscribe('ticker:BTCUSDT', new ArraySink())).toBe(false);
      hub.subscribe('ticker:BTCUSDT', new ArraySink());
      expect(hub.unsubscribe('ticker:BTCUSDT', new ArraySink())).toBe(false);
    });
  });

  it('remove() unsubscribes a sink from every channel given', () => {
    const sink = new ArraySink();
    hub.subscribe('ticker:BTCUSDT', sink);
    hub.subscribe('ticker:ETHUSDT', sink);

    hub.remove(sink, ['ticker:BTCUSDT', 'ticker:ETHUSDT']);

    expect(hub.subscriberCount('ticker:BTCUSDT')).toBe(0);
    expect(hub.subscriberCount('ticker:ETHUSDT')).toBe(0);
    expect(hub.publish('ticker:BTCUSDT', quote, null, 1)).toBe(0);
    expect(sink.frames).toEqual([]);
  });

  it('counts zero subscribers on a channel it never saw', () => {
    expect(hub.subscriberCount('ticker:XRPUSDT')).toBe(0);
  });
});

describe(`${ChannelHub.name} snapshots`, () => {
  it('gives a seeded snapshot with seq 0 while no update was seen', () => {
    const hub = new ChannelHub();
    hub.seed('book:BTCUSDT', { data: { bids: [] }, exchangeTime: 5, producedAt: 6 });
    expect(hub.subscribe('book:BTCUSDT', new ArraySink())?.toString()).toBe(
      '{"type":"snapshot","channel":"book:BTCUSDT","seq":0,"exchangeTime":5,"producedAt":6,"data":{"bids":[]}}',
    );
  });

  it('ignores a seed once an update arrived, and snapshots the snapshot data given', () => {
    const hub = new ChannelHub();
    hub.publish('trades:BTCUSDT', { tradeId: 2 }, 10, 11, [{ tradeId: 2 }, { tradeId: 1 }]);
    hub.seed('trades:BTCUSDT', { data: [], exchangeTime: 1, producedAt: 1 });
    expect(hub.subscribe('trades:BTCUSDT', new ArraySink())?.toString()).toBe(
      '{"type":"snapshot","channel":"trades:BTCUSDT","seq":1,"exchangeTime":10,"producedAt":11,' +
        '"data":[{"tradeId":2},{"tradeId":1}]}',
    );
  });
});
