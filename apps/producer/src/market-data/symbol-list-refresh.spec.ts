import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SymbolListRefresh } from './symbol-list-refresh';
import { ListedSymbol, selectSymbols } from '@app/exchange';
import { fetchSymbolSettings, orderByPriority, SymbolListChange } from './symbol-settings';

const listed = (symbol: string, status = 'TRADING'): ListedSymbol => ({
  symbol,
  status,
  quoteAsset: symbol.slice(-4),
});

/**
 * The settings URL is a real HTTP server whose answer each test sets; the exchange's listing is a
 * list each test sets (the real exchangeInfo read is in producer-symbol-refresh.int-spec).
 */
describe(SymbolListRefresh.name, () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: string };
  let applied: SymbolListChange[];
  let failures: string[];
  let listing: ListedSymbol[];
  let notTradingReports: string[][];
  let listingDown: boolean;

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(answer.status).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pairs.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function refresher(initial: string[]): SymbolListRefresh {
    applied = [];
    failures = [];
    notTradingReports = [];
    listingDown = false;
    listing = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT', 'ETHBTC'].map((s) =>
      listed(s),
    );
    const failed = (message: string) => failures.push(message);
    return new SymbolListRefresh({
      intervalMs: 60_000,
      initial,
      wanted: async () => {
        const settings = await fetchSymbolSettings(url, failed);
        return settings && orderByPriority(settings);
      },
      select: (wanted) =>
        listingDown
          ? Promise.reject(new Error('HTTP 503'))
          : Promise.resolve(selectSymbols(listing, wanted)),
      apply: (change) => applied.push(change),
      notTrading: (symbols) => notTradingReports.push(symbols),
      failed,
    });
  }

  it('applies the difference: new symbols added, missing ones removed', async () => {
    const refresh = refresher(['BTCUSDT', 'ETHUSDT', 'BNBUSDT']);
    answer = { status: 200, body: '{"symbols":["ETHUSDT","SOLUSDT"],"priority":["XRPUSDT"]}' };
    await refresh.refresh();

    expect(applied).toEqual([{ added: ['XRPUSDT', 'SOLUSDT'], removed: ['BTCUSDT', 'BNBUSDT'] }]);
    expect(refresh.symbols).toEqual(['ETHUSDT', 'XRPUSDT', 'SOLUSDT']);
    expect(failures).toEqual([]);
  });

  it('applies nothing when the list is the same, in any order', async () => {
    const refresh = refresher(['BTCUSDT', 'ETHUSDT']);
    answer = { status: 200, body: '["ETHUSDT","BTCUSDT"]' };
    await refresh.refresh();

    expect(applied).toEqual([]);
    expect(refresh.symbols).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('adds only the symbols the exchange trades, and says which it does not, once', async () => {
    const refresh = refresher(['BTCUSDT']);
    listing.push(listed('LUNAUSDT', 'BREAK'));
    answer = { status: 200, body: '["BTCUSDT","LUNAUSDT","ETHUSDT","NOSUCHUSDT"]' };
    await refresh.refresh();
    await refresh.refresh();

    expect(applied).toEqual([{ added: ['ETHUSDT'], removed: [] }]);
    expect(refresh.symbols).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(notTradingReports).toEqual([['LUNAUSDT', 'NOSUCHUSDT']]);
  });

  it('follows the listing under a wildcard: new listings start, delisted symbols stop', async () => {
    const refresh = refresher(['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT']);
    answer = { status: 200, body: '{"symbols":["*USDT"],"priority":["XRPUSDT"]}' };
    await refresh.refresh();
    expect(applied).toEqual([]);

    listing = listing.map((s) => (s.symbol === 'BNBUSDT' ? listed('BNBUSDT', 'BREAK') : s));
    listing.push(listed('NEWUSDT'), listed('NEWBTC'));
    await refresh.refresh();

    expect(applied).toEqual([{ added: ['NEWUSDT'], removed: ['BNBUSDT'] }]);
    expect(refresh.symbols).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'NEWUSDT']);
  });

  it('keeps the current list when the listing cannot be read', async () => {
    const refresh = refresher(['BTCUSDT']);
    answer = { status: 200, body: '["ETHUSDT"]' };
    listingDown = true;
    await refresh.refresh();

    expect(applied).toEqual([]);
    expect(refresh.symbols).toEqual(['BTCUSDT']);
    expect(failures).toEqual(['exchangeInfo not read (HTTP 503); symbols kept']);
  });

  it('keeps the current list and reports a failed or malformed read', async () => {
    const refresh = refresher(['BTCUSDT']);
    answer = { status: 503, body: '' };
    await refresh.refresh();
    answer = { status: 200, body: '{"symbols":["BTCUSDT","eth"]}' };
    await refresh.refresh();
    answer = { status: 200, body: '{"symbols":' };
    await refresh.refresh();

    expect(applied).toEqual([]);
    expect(refresh.symbols).toEqual(['BTCUSDT']);
    expect(failures).toHaveLength(3);
    expect(failures.slice(0, 2)).toEqual([
      `symbol settings from ${url} not used: HTTP 503`,
      `symbol settings from ${url} not used: symbols holds invalid symbols: ["eth"]`,
    ]);
    expect(failures[2]).toMatch(new RegExp(`^symbol settings from ${url} not used: .*JSON`));
  });

  it('does not start a second read while one is running', async () => {
    const refresh = refresher(['BTCUSDT']);
    answer = { status: 200, body: '["ETHUSDT"]' };
    await Promise.all([refresh.refresh(), refresh.refresh()]);

    expect(applied).toEqual([{ added: ['ETHUSDT'], removed: ['BTCUSDT'] }]);
  });
});
