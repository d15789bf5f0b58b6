import { shardStreams } from './stream-sharding';

describe(shardStreams.name, () => {
  it('puts at most the configured number of streams on a connection, in order', () => {
    const streams = ['a@trade', 'b@trade', 'c@trade', 'd@trade', 'e@trade'];

    expect(shardStreams(streams, 2)).toEqual([
      ['a@trade', 'b@trade'],
      ['c@trade', 'd@trade'],
      ['e@trade'],
    ]);
  });

  it('never exceeds 1024 streams per connection, whatever is configured', () => {
    const streams = Array.from({ length: 2049 }, (_, i) => `s${i}@trade`);

    expect(shardStreams(streams, 5000).map((shard) => shard.length)).toEqual([1024, 1024, 1]);
  });

  it('lower-cases symbols, keeps the stream type as Binance spells it, and drops repeats', () => {
    expect(
      shardStreams(['BTCUSDT@aggTrade', 'btcusdt@aggTrade', 'ethusdt@bookTicker'], 10),
    ).toEqual([['btcusdt@aggTrade', 'ethusdt@bookTicker']]);
  });

  it('rejects a limit below 1', () => {
    expect(() => shardStreams(['a@trade'], 0)).toThrow(
      'streams per connection must be a positive integer (got 0)',
    );
  });
});
