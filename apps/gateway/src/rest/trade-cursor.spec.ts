import { decodeTradeCursor, encodeTradeCursor } from './trade-cursor';

describe(encodeTradeCursor.name, () => {
  it('round-trips a cursor through an opaque URL-safe token', () => {
    const cursor = {
      time: 1_700_000_000_123,
      ordinal: '98765432101',
      eventId: 'trade:BTCUSDT:a:98765432101',
    };
    const token = encodeTradeCursor(cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTradeCursor(token)).toEqual(cursor);
  });

  it.each([
    ['not base64 JSON', 'bm90IGpzb24'],
    ['a wrong shape', Buffer.from('{"time":1}').toString('base64url')],
    [
      'a non-numeric ordinal',
      Buffer.from('[1,"1; drop table","trade:X:a:1"]').toString('base64url'),
    ],
    ['a swap id', Buffer.from('[1,"1","swap:1:0xab:2"]').toString('base64url')],
  ])('refuses %s', (_, token) => {
    expect(decodeTradeCursor(token)).toBeUndefined();
  });
});
