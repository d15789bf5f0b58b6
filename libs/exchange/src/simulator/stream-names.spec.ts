import { parseStreamName } from './stream-names';

describe('parseStreamName', () => {
  it.each([
    ['btcusdt@depth@100ms', 'btcusdt@depth@100ms'],
    ['btcusdt@depth', 'btcusdt@depth@1000ms'],
    ['BTCUSDT@bookTicker', 'btcusdt@bookTicker'],
    ['btcusdt@trade', 'btcusdt@trade'],
    ['btcusdt@aggTrade', 'btcusdt@aggTrade'],
    ['btcusdt@ticker', 'btcusdt@ticker'],
  ])('%s → %s', (name, key) => expect(parseStreamName(name)).toEqual({ name, key }));

  it.each(['0', 'btcusdt', 'btcusdt@kline_1m', 'btc usdt@trade', '@trade'])(
    '%s is not a stream',
    (name) => expect(parseStreamName(name)).toBeNull(),
  );
});
