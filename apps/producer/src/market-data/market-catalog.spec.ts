import { Ticker24hEvent } from '@app/contracts';
import { ExchangeSymbol } from '@app/exchange';
import { MarketCatalog } from './market-catalog';

const listed = (symbol: string, status = 'TRADING', tickSize = '0.01000000'): ExchangeSymbol => ({
  symbol,
  status,
  baseAsset: symbol.slice(0, -4),
  quoteAsset: 'USDT',
  filters: [
    { filterType: 'PRICE_FILTER', minPrice: '0.01000000', tickSize },
    { filterType: 'PERCENT_PRICE', multiplierUp: '5' },
    { filterType: 'LOT_SIZE', minQty: '0.00001000', stepSize: '0.00001000' },
  ],
});

const ticker = (symbol: string, lastPrice: string, exchangeTime: number): Ticker24hEvent =>
  ({
    source: 'simulator',
    symbol,
    lastPrice,
    volume: '10.5',
    quoteVolume: '1050.25',
    exchangeTime,
  }) as Ticker24hEvent;

describe(MarketCatalog.name, () => {
  it('lists the followed symbols with their filters, every one the first time', () => {
    const catalog = new MarketCatalog('simulator');
    catalog.applyExchangeInfo(
      [listed('BTCUSDT'), listed('ETHUSDT'), listed('XRPUSDT')],
      ['ETHUSDT', 'BTCUSDT'],
    );

    expect(catalog.takeChanges(5)).toEqual([
      {
        source: 'simulator',
        symbol: 'BTCUSDT',
        status: 'TRADING',
        baseAsset: 'BTC',
        quoteAsset: 'USDT',
        tickSize: '0.01000000',
        stepSize: '0.00001000',
        lastPrice: null,
        volume: null,
        quoteVolume: null,
        exchangeTime: null,
        priority: false,
        followed: true,
        producedAt: 5,
      },
      expect.objectContaining({ symbol: 'ETHUSDT' }),
    ]);
    expect(catalog.takeChanges(6)).toEqual([]);
  });

  it('publishes again only on a new status, filter, price or volume, not on time alone', () => {
    const catalog = new MarketCatalog('simulator');
    catalog.applyExchangeInfo([listed('BTCUSDT')], ['BTCUSDT']);
    catalog.takeChanges(1);

    catalog.applyTicker(ticker('BTCUSDT', '100.10', 1000));
    expect(catalog.takeChanges(2)).toEqual([
      expect.objectContaining({ lastPrice: '100.10', volume: '10.5', exchangeTime: 1000 }),
    ]);
    catalog.applyTicker(ticker('BTCUSDT', '100.10', 2000));
    catalog.applyTicker(ticker('BTCUSDT', '99.00', 1500)); // older than the one seen: ignored
    catalog.applyExchangeInfo([listed('BTCUSDT')], ['BTCUSDT']);
    expect(catalog.takeChanges(3)).toEqual([]);

    catalog.applyExchangeInfo([listed('BTCUSDT', 'HALT', '0.10000000')], ['BTCUSDT']);
    expect(catalog.takeChanges(4)).toEqual([
      expect.objectContaining({
        status: 'HALT',
        tickSize: '0.10000000',
        lastPrice: '100.10',
        exchangeTime: 2000,
      }),
    ]);
  });

  it('keeps ticker figures of a symbol not yet listed for when it is, and forgets dropped ones', () => {
    const catalog = new MarketCatalog('simulator');
    catalog.applyTicker(ticker('ETHUSDT', '3000.5', 1000));
    expect(catalog.takeChanges(1)).toEqual([]);

    catalog.applyExchangeInfo([listed('ETHUSDT')], ['ETHUSDT']);
    expect(catalog.takeChanges(2)).toEqual([expect.objectContaining({ lastPrice: '3000.5' })]);

    catalog.applyTicker(ticker('ETHUSDT', '3001.5', 2000));
    catalog.forget(['ETHUSDT', 'XRPUSDT']); // XRPUSDT was never listed: nothing to remove
    expect(catalog.takeChanges(3)).toEqual([
      expect.objectContaining({ symbol: 'ETHUSDT', followed: false, priority: false }),
    ]);
    expect(catalog.takeChanges(4)).toEqual([]);
  });

  it('flags priority symbols and publishes an entry again when its flag flips', () => {
    const catalog = new MarketCatalog('simulator');
    catalog.setPriority(['BTCUSDT']);
    catalog.applyExchangeInfo([listed('BTCUSDT'), listed('ETHUSDT')], ['BTCUSDT', 'ETHUSDT']);
    const flags = (events: { symbol: string; priority: boolean }[]) =>
      events.map(({ symbol, priority }) => [symbol, priority]);
    expect(flags(catalog.takeChanges(1))).toEqual([
      ['BTCUSDT', true],
      ['ETHUSDT', false],
    ]);

    catalog.setPriority(['ETHUSDT', 'XRPUSDT']);
    expect(flags(catalog.takeChanges(2))).toEqual([
      ['BTCUSDT', false],
      ['ETHUSDT', true],
    ]);
    catalog.setPriority(['XRPUSDT', 'ETHUSDT']);
    expect(catalog.takeChanges(3)).toEqual([]);
  });

  it('leaves out a listing without the PRICE_FILTER or LOT_SIZE step', () => {
    const catalog = new MarketCatalog('binance');
    catalog.applyExchangeInfo([{ ...listed('BTCUSDT'), filters: [] }], ['BTCUSDT']);

    expect(catalog.takeChanges(1)).toEqual([]);
  });
});
