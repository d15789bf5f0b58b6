import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SymbolListRefresh } from './symbol-list-refresh';
import { SymbolListChange } from './symbol-settings';

/** The settings URL is a real HTTP server whose answer each test sets. */
describe(SymbolListRefresh.name, () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: string };
  let applied: SymbolListChange[];
  let failures: string[];
  let notTraded: Set<string>;

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(answer.status).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pairs.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function refresher(initial: string[]): SymbolListRefresh {
    applied = [];
    failures = [];
    notTraded = new Set();
    return new SymbolListRefresh({
      url,
      intervalMs: 60_000,
      initial,
      tradable: (symbols) => Promise.resolve(symbols.filter((s) => !notTraded.has(s))),
      apply: (change) => applied.push(change),
      failed: (message) => failures.push(message),
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

  it('adds only the symbols the exchange trades', async () => {
    const refresh = refresher(['BTCUSDT']);
    notTraded.add('LUNAUSDT');
    answer = { status: 200, body: '["BTCUSDT","LUNAUSDT","ETHUSDT"]' };
    await refresh.refresh();

    expect(applied).toEqual([{ added: ['ETHUSDT'], removed: [] }]);
    expect(refresh.symbols).toEqual(['BTCUSDT', 'ETHUSDT']);
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
