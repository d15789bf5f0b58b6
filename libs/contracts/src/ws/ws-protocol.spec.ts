import { parseChannel, parseClientFrame } from './ws-protocol';

describe(parseClientFrame.name, () => {
  describe('valid frames', () => {
    it('parses a subscribe with a numeric id', () => {
      expect(parseClientFrame('{"op":"subscribe","channel":"ticker:BTCUSDT","id":1}')).toEqual({
        ok: true,
        frame: { op: 'subscribe', channel: 'ticker:BTCUSDT', id: 1 },
      });
    });

    it('parses an unsubscribe with a string id', () => {
      expect(
        parseClientFrame('{"op":"unsubscribe","channel":"ticker:ETHUSDT","id":"u-2"}'),
      ).toEqual({
        ok: true,
        frame: { op: 'unsubscribe', channel: 'ticker:ETHUSDT', id: 'u-2' },
      });
    });

    it('parses a ping without an id', () => {
      const parsed = parseClientFrame('{"op":"ping"}');

      expect(parsed).toEqual({ ok: true, frame: { op: 'ping' } });
      expect(parsed.ok && parsed.frame.id).toBeUndefined();
    });

    it('accepts a string id of exactly 64 characters', () => {
      const id = 'x'.repeat(64);

      expect(parseClientFrame(JSON.stringify({ op: 'ping', id }))).toEqual({
        ok: true,
        frame: { op: 'ping', id },
      });
    });

    it('leaves the channel for the session to judge', () => {
      expect(parseClientFrame('{"op":"subscribe","channel":"trades:btc"}')).toEqual({
        ok: true,
        frame: { op: 'subscribe', channel: 'trades:btc' },
      });
    });
  });

  describe('invalid_json', () => {
    it.each([['{"op":"ping"'], ['ping'], ['']])('refuses %p', (text) => {
      expect(parseClientFrame(text)).toEqual({
        ok: false,
        error: { type: 'error', code: 'invalid_json', message: 'frame is not valid JSON' },
      });
    });
  });

  describe('invalid_frame', () => {
    it.each([['[]'], ['null'], ['"ping"'], ['7']])('refuses %p, which is not an object', (text) => {
      expect(parseClientFrame(text)).toEqual({
        ok: false,
        error: { type: 'error', code: 'invalid_frame', message: 'frame must be a JSON object' },
      });
    });

    it.each([
      ['a 65-character string', `"${'x'.repeat(65)}"`],
      ['an object', '{"n":1}'],
      ['a boolean', 'true'],
      ['null', 'null'],
      ['an infinite number', '1e999'],
    ])('refuses an id that is %s, without echoing it', (_case, id) => {
      expect(parseClientFrame(`{"op":"ping","id":${id}}`)).toEqual({
        ok: false,
        error: {
          type: 'error',
          code: 'invalid_frame',
          message: 'id must be a string of up to 64 characters or a number',
        },
      });
    });

    it.each([
      ['subscribe', '{"op":"subscribe","id":4}'],
      ['subscribe', '{"op":"subscribe","channel":7,"id":4}'],
      ['unsubscribe', '{"op":"unsubscribe","id":4}'],
    ])('refuses a %s without a string channel, echoing the id', (op, text) => {
      expect(parseClientFrame(text)).toEqual({
        ok: false,
        error: {
          type: 'error',
          code: 'invalid_frame',
          message: `${op} needs a channel such as ticker:BTCUSDT`,
          id: 4,
        },
      });
    });
  });

  describe('unknown_op', () => {
    it('refuses an unknown op, echoing the id', () => {
      expect(parseClientFrame('{"op":"publish","id":"a"}')).toEqual({
        ok: false,
        error: {
          type: 'error',
          code: 'unknown_op',
          message: 'op must be one of subscribe, unsubscribe, ping',
          id: 'a',
        },
      });
    });

    it('refuses a frame without an op, with no id key at all', () => {
      const parsed = parseClientFrame('{"channel":"ticker:BTCUSDT"}');

      expect(parsed).toStrictEqual({
        ok: false,
        error: {
          type: 'error',
          code: 'unknown_op',
          message: 'op must be one of subscribe, unsubscribe, ping',
        },
      });
    });

    it('is case-sensitive', () => {
      expect(parseClientFrame('{"op":"PING"}')).toMatchObject({
        ok: false,
        error: { code: 'unknown_op' },
      });
    });
  });
});

describe(parseChannel.name, () => {
  it('splits a ticker channel into kind and symbol', () => {
    expect(parseChannel('ticker:BTCUSDT')).toEqual({ kind: 'ticker', key: 'BTCUSDT' });
  });

  it.each([
    ['book:ETHUSDT', { kind: 'book', key: 'ETHUSDT' }],
    ['trades:BNBUSDT', { kind: 'trades', key: 'BNBUSDT' }],
    ['stats:BTCUSDT', { kind: 'stats', key: 'BTCUSDT' }],
    ['stats:USDC/WETH', { kind: 'stats', key: 'USDC/WETH' }],
    ['markets', { kind: 'markets', key: '' }],
  ])('splits %s into kind and key', (channel, expected) => {
    expect(parseChannel(channel)).toEqual(expected);
  });

  it.each([
    ['a lower-case symbol', 'ticker:btcusdt'],
    ['an unknown kind', 'candles:BTCUSDT'],
    ['a DEX pair on a symbol channel', 'book:USDC/WETH'],
    ['no symbol', 'ticker:'],
    ['a key on the markets channel', 'markets:BTCUSDT'],
    ['a one-character symbol', 'ticker:B'],
    ['a 21-character symbol', `ticker:${'A'.repeat(21)}`],
    ['trailing text', 'ticker:BTCUSDT '],
    ['a second colon', 'ticker:BTC:USDT'],
    ['the empty string', ''],
  ])('returns null for %s', (_case, channel) => {
    expect(parseChannel(channel)).toBeNull();
  });

  it('accepts a 20-character symbol', () => {
    expect(parseChannel(`ticker:${'A'.repeat(20)}`)).toEqual({
      kind: 'ticker',
      key: 'A'.repeat(20),
    });
  });
});
