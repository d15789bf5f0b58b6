import { BookTickerEvent } from '../topics/md-bookticker/book-ticker.event';
import { BOOK_TICKER_TOPIC } from '../topics/md-bookticker/book-ticker.topic';
import { ContractViolationError, decodeEvent, encodeEvent } from './event-codec';

/** A valid event; `overrides` may break the contract on purpose (wrong types, extra properties). */
function bookTicker(overrides: Record<string, unknown> = {}): BookTickerEvent {
  return {
    source: 'binance',
    symbol: 'BTCUSDT',
    updateId: 400900217,
    bidPrice: '27123.45000000',
    bidQty: '0.00100000',
    askPrice: '27123.46000000',
    askQty: '1.50000000',
    exchangeTime: 1700000000000,
    receivedAt: 1700000000002,
    producedAt: 1700000000003,
    ...overrides,
  };
}

const validJson =
  '{"source":"binance","symbol":"BTCUSDT","updateId":400900217,"bidPrice":"27123.45000000",' +
  '"bidQty":"0.00100000","askPrice":"27123.46000000","askQty":"1.50000000",' +
  '"exchangeTime":1700000000000,"receivedAt":1700000000002,"producedAt":1700000000003}';

describe(encodeEvent.name, () => {
  it('keys a valid event by its symbol and serializes it as JSON', () => {
    expect(encodeEvent(BOOK_TICKER_TOPIC, bookTicker())).toEqual({
      key: 'BTCUSDT',
      value: validJson,
    });
  });

  it('accepts a null exchangeTime', () => {
    const { value } = encodeEvent(BOOK_TICKER_TOPIC, bookTicker({ exchangeTime: null }));

    expect(value).toContain('"exchangeTime":null');
  });

  it('accepts an instance of the contract class', () => {
    const event = Object.assign(new BookTickerEvent(), bookTicker());

    expect(encodeEvent(BOOK_TICKER_TOPIC, event)).toEqual({ key: 'BTCUSDT', value: validJson });
  });

  it.each([
    [
      'a price in exponent notation',
      { bidPrice: '1e5' },
      'bidPrice must be a non-negative decimal string',
    ],
    [
      'a price as a float number',
      { askPrice: 27123.46 },
      'askPrice must be a string; askPrice must be a non-negative decimal string',
    ],
    ['an unknown extra property', { bestBid: '1.0' }, 'property bestBid should not exist'],
    [
      'a lower-case symbol',
      { symbol: 'btcusdt' },
      'symbol must be an upper-case symbol such as BTCUSDT',
    ],
    ['an unknown source', { source: 'kraken' }, 'source must be one of binance, simulator, replay'],
    ['a fractional update id', { updateId: 1.5 }, 'updateId must be a non-negative integer'],
  ])('refuses %s, naming the property', (_case, overrides, reason) => {
    const event = bookTicker(overrides);

    expect(() => encodeEvent(BOOK_TICKER_TOPIC, event)).toThrow(ContractViolationError);
    // An error object makes toThrow compare the whole message: "invalid md.bookticker.v1 event: <reason>".
    expect(() => encodeEvent(BOOK_TICKER_TOPIC, event)).toThrow(
      new ContractViolationError('md.bookticker.v1', reason),
    );
  });

  it('refuses a missing exchangeTime: only null means "none"', () => {
    const event = bookTicker();
    delete (event as Partial<BookTickerEvent>).exchangeTime;

    expect(() => encodeEvent(BOOK_TICKER_TOPIC, event)).toThrow(
      /^invalid md\.bookticker\.v1 event: exchangeTime must be an integer of milliseconds since the epoch/,
    );
  });
});

describe(decodeEvent.name, () => {
  it('returns an instance of the contract class with the exact values sent', () => {
    const decoded = decodeEvent(BOOK_TICKER_TOPIC, validJson);

    expect(decoded).toEqual({ ok: true, value: bookTicker() });
    expect(decoded.ok && decoded.value).toBeInstanceOf(BookTickerEvent);
  });

  it('keeps decimal strings exactly as sent, trailing zeros included', () => {
    const decoded = decodeEvent(BOOK_TICKER_TOPIC, validJson);

    expect(decoded.ok && decoded.value.bidPrice).toBe('27123.45000000');
    expect(decoded.ok && decoded.value.bidQty).toBe('0.00100000');
  });

  it('decodes a Buffer as UTF-8', () => {
    expect(decodeEvent(BOOK_TICKER_TOPIC, Buffer.from(validJson, 'utf8'))).toEqual({
      ok: true,
      value: bookTicker(),
    });
  });

  it('accepts a null exchangeTime', () => {
    const raw = validJson.replace('"exchangeTime":1700000000000', '"exchangeTime":null');

    expect(decodeEvent(BOOK_TICKER_TOPIC, raw)).toEqual({
      ok: true,
      value: bookTicker({ exchangeTime: null }),
    });
  });

  it('refuses a message without a value', () => {
    expect(decodeEvent(BOOK_TICKER_TOPIC, null)).toEqual({
      ok: false,
      reason: 'empty message value',
    });
  });

  it('refuses text that is not JSON', () => {
    expect(decodeEvent(BOOK_TICKER_TOPIC, '{"symbol":')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^not JSON: /) as unknown,
    });
  });

  it.each([
    ['an array', '[1,2]'],
    ['the JSON null', 'null'],
    ['a string', '"BTCUSDT"'],
    ['a number', '42'],
  ])('refuses %s: the value must be a JSON object', (_case, raw) => {
    expect(decodeEvent(BOOK_TICKER_TOPIC, raw)).toEqual({
      ok: false,
      reason: 'value is not a JSON object',
    });
  });

  it('refuses a price sent as a number rather than a string', () => {
    const raw = validJson.replace('"bidPrice":"27123.45000000"', '"bidPrice":27123.45');

    expect(decodeEvent(BOOK_TICKER_TOPIC, raw)).toEqual({
      ok: false,
      reason: 'bidPrice must be a string; bidPrice must be a non-negative decimal string',
    });
  });

  it('refuses an unknown property', () => {
    const raw = validJson.replace('{', '{"extra":1,');

    expect(decodeEvent(BOOK_TICKER_TOPIC, raw)).toEqual({
      ok: false,
      reason: 'property extra should not exist',
    });
  });

  it('decodes what encodeEvent produced', () => {
    const { value } = encodeEvent(
      BOOK_TICKER_TOPIC,
      bookTicker({ source: 'simulator', exchangeTime: null }),
    );

    expect(decodeEvent(BOOK_TICKER_TOPIC, value)).toEqual({
      ok: true,
      value: bookTicker({ source: 'simulator', exchangeTime: null }),
    });
  });
});
