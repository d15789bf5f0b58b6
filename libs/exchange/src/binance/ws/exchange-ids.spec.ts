import { exchangeIdOf, StreamDedupe, streamKind } from './exchange-ids';

describe(exchangeIdOf.name, () => {
  it("takes each stream's own id field", () => {
    expect(exchangeIdOf('btcusdt@depth@100ms', { U: 157, u: 160 })).toBe(160);
    expect(exchangeIdOf('btcusdt@bookTicker', { u: 400900217 })).toBe(400900217);
    expect(exchangeIdOf('btcusdt@trade', { t: 12345, E: 1 })).toBe(12345);
    expect(exchangeIdOf('btcusdt@aggTrade', { a: 26129, E: 1 })).toBe(26129);
    expect(exchangeIdOf('btcusdt@ticker', { E: 1672515782136 })).toBe(1672515782136);
  });

  it('returns null for streams without an id', () => {
    expect(exchangeIdOf('btcusdt@kline_1m', { E: 1 })).toBeNull();
    expect(exchangeIdOf('btcusdt@trade', null)).toBeNull();
  });
});

describe(StreamDedupe.name, () => {
  it('passes each id once per stream and counts the repeats', () => {
    const dedupe = new StreamDedupe();
    const passed = [
      ['a@trade', 1],
      ['a@trade', 2],
      ['b@trade', 1],
      ['a@trade', 2],
      ['a@trade', 1],
      ['a@trade', 3],
    ].filter(([stream, id]) => dedupe.accept(stream as string, id as number));

    expect(passed).toEqual([
      ['a@trade', 1],
      ['a@trade', 2],
      ['b@trade', 1],
      ['a@trade', 3],
    ]);
    expect(dedupe.duplicates).toBe(2);
    expect(dedupe.lastId('A@TRADE')).toBe(3);
  });

  it('always passes events without an id', () => {
    const dedupe = new StreamDedupe();

    expect([dedupe.accept('x@kline_1m', null), dedupe.accept('x@kline_1m', null)]).toEqual([
      true,
      true,
    ]);
  });
});

describe('streamKind', () => {
  it('names the kind of every stream, the same on every call and after many distinct names', () => {
    const names = ['btcusdt@depth@100ms', 'BTCUSDT@bookTicker', 'ethusdt@aggTrade', 'x@kline_1m'];
    const expected = ['depth', 'bookTicker', 'aggTrade', 'other'];
    expect(names.map(streamKind)).toEqual(expected);
    for (let i = 0; i < 20_000; i++) streamKind(`s${i}@trade`);
    expect(names.map(streamKind)).toEqual(expected);
    expect(streamKind('s19999@trade')).toBe('trade');
  });
});
