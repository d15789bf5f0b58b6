import { packBatch, TopicMessage, unpackBatch } from './packed-batch';

const item = (topic: string, key: string, value: string): TopicMessage => ({
  topic,
  message: { key, value },
});

const asText = (unpacked: ReturnType<typeof unpackBatch>) =>
  unpacked.map(({ topic, messages }) => ({
    topic,
    messages: messages.map(({ key, value }) => [key.toString('utf8'), value.toString('utf8')]),
  }));

describe('packBatch / unpackBatch', () => {
  it('gives back every message per topic, in the order packed, byte for byte', () => {
    const items = [
      item('md.depth.v1', 'BTCUSDT', '{"u":1}'),
      item('md.trade.v1', 'ETHUSDT', '{"t":7}'),
      item('md.depth.v1', 'ETHUSDT', '{"u":2}'),
      item('md.depth.v1', 'BTCUSDT', '{"u":3}'),
    ];

    expect(asText(unpackBatch(packBatch(items)))).toEqual([
      {
        topic: 'md.depth.v1',
        messages: [
          ['BTCUSDT', '{"u":1}'],
          ['ETHUSDT', '{"u":2}'],
          ['BTCUSDT', '{"u":3}'],
        ],
      },
      { topic: 'md.trade.v1', messages: [['ETHUSDT', '{"t":7}']] },
    ]);
  });

  it('keeps multi-byte UTF-8 (two, three and four bytes) and empty values exact', () => {
    const items = [
      item('t', 'é€', '{"name":"Ünïcode €","emoji":"🦄"}'),
      item('t', '🦄', ''),
      item('t', '', '{}'),
    ];
    const [topic] = unpackBatch(packBatch(items));

    expect(topic.messages.map(({ key, value }) => [key, value])).toEqual(
      items.map(({ message }) => [Buffer.from(message.key), Buffer.from(message.value)]),
    );
    // The views are exactly as long as the UTF-8 encodings: 'é€' is 2 + 3 bytes, '🦄' 4.
    expect(topic.messages.map(({ key }) => key.length)).toEqual([5, 4, 0]);
  });

  it('lays out topic index and bounds per message, back to back', () => {
    const packed = packBatch([item('a', 'k1', 'vv'), item('b', 'K', 'value')]);

    expect(packed.topics).toEqual(['a', 'b']);
    expect([...packed.layout]).toEqual([0, 0, 2, 4, 1, 4, 5, 10]);
    expect(Buffer.from(packed.bytes).subarray(0, 10).toString()).toBe('k1vvKvalue');
  });

  it('packs an empty batch', () => {
    expect(unpackBatch(packBatch([]))).toEqual([]);
  });
});
