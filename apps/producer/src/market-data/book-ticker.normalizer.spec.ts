import { BOOK_TICKER_TOPIC, encodeEvent } from '@app/contracts';
import { RawBookTicker } from '@app/exchange';
import { normalizeBookTicker } from './book-ticker.normalizer';

const RECEIVED_AT = 1700000000002;
const PRODUCED_AT = 1700000000003;

const spotTicker: RawBookTicker = {
  u: 400900217,
  s: 'BNBUSDT',
  b: '25.35190000',
  B: '31.21000000',
  a: '25.36520000',
  A: '40.66000000',
};

describe(normalizeBookTicker.name, () => {
  it('maps every field of a Binance spot bookTicker, with no event time', () => {
    expect(normalizeBookTicker(spotTicker, 'binance', RECEIVED_AT, PRODUCED_AT)).toStrictEqual({
      source: 'binance',
      symbol: 'BNBUSDT',
      updateId: 400900217,
      bidPrice: '25.35190000',
      bidQty: '31.21000000',
      askPrice: '25.36520000',
      askQty: '40.66000000',
      exchangeTime: null,
      receivedAt: RECEIVED_AT,
      producedAt: PRODUCED_AT,
    });
  });

  it('keeps the event time when the exchange sends one', () => {
    const event = normalizeBookTicker(
      { ...spotTicker, E: 1700000000000 },
      'simulator',
      RECEIVED_AT,
      PRODUCED_AT,
    );

    expect(event.exchangeTime).toBe(1700000000000);
    expect(event.source).toBe('simulator');
  });

  it('keeps an event time of 0 rather than treating it as absent', () => {
    expect(
      normalizeBookTicker({ ...spotTicker, E: 0 }, 'replay', RECEIVED_AT, PRODUCED_AT).exchangeTime,
    ).toBe(0);
  });

  it('produces an event the md.bookticker.v1 contract accepts, keyed by symbol', () => {
    const event = normalizeBookTicker(spotTicker, 'binance', RECEIVED_AT, PRODUCED_AT);

    expect(encodeEvent(BOOK_TICKER_TOPIC, event).key).toBe('BNBUSDT');
  });
});
