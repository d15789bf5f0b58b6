import { ListedSymbol, selectSymbols } from './symbol-selection';

const listed = (symbol: string, quoteAsset: string, status = 'TRADING'): ListedSymbol => ({
  symbol,
  quoteAsset,
  status,
});

describe(selectSymbols.name, () => {
  const listing = [
    listed('ETHBTC', 'BTC'),
    listed('BTCUSDT', 'USDT'),
    listed('LUNAUSDT', 'USDT', 'BREAK'),
    listed('ETHUSDT', 'USDT'),
    listed('BNBBTC', 'BTC'),
    listed('BTCEUR', 'EUR'),
  ];

  it('`*` is every TRADING symbol in the listing order', () => {
    expect(selectSymbols(listing, ['*'])).toEqual({
      symbols: ['ETHBTC', 'BTCUSDT', 'ETHUSDT', 'BNBBTC', 'BTCEUR'],
      notTrading: [],
    });
  });

  it('`*QUOTE` is every TRADING symbol quoted in it; names and wildcards mix, each symbol once', () => {
    expect(selectSymbols(listing, ['ETHUSDT', '*USDT', 'BTCEUR', '*BTC', 'ETHBTC'])).toEqual({
      symbols: ['ETHUSDT', 'BTCUSDT', 'BTCEUR', 'ETHBTC', 'BNBBTC'],
      notTrading: [],
    });
  });

  it('names a wanted symbol that is not listed or not TRADING, once', () => {
    expect(selectSymbols(listing, ['LUNAUSDT', 'BTCUSDT', 'NOSUCH', 'LUNAUSDT', '*EUR'])).toEqual({
      symbols: ['BTCUSDT', 'BTCEUR'],
      notTrading: ['LUNAUSDT', 'NOSUCH'],
    });
  });

  it('a quote nobody lists selects nothing', () => {
    expect(selectSymbols(listing, ['*GBP'])).toEqual({ symbols: [], notTrading: [] });
  });
});
