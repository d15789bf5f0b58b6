import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  fetchSymbolSettings,
  orderByPriority,
  parseSymbolSettings,
  symbolListChange,
} from './symbol-settings';

describe(orderByPriority.name, () => {
  it('puts the priority symbols first, in their order, then the rest in theirs, each once', () => {
    expect(
      orderByPriority({
        symbols: ['ADAUSDT', 'BTCUSDT', 'XRPUSDT', 'ETHUSDT', 'ADAUSDT'],
        priority: ['ETHUSDT', 'BTCUSDT', 'SOLUSDT'],
      }),
    ).toEqual(['ETHUSDT', 'BTCUSDT', 'SOLUSDT', 'ADAUSDT', 'XRPUSDT']);
  });
});

describe(symbolListChange.name, () => {
  it('lists the symbols to add and to remove, each in its list order', () => {
    expect(
      symbolListChange(['BTCUSDT', 'ETHUSDT', 'BNBUSDT'], ['XRPUSDT', 'ETHUSDT', 'ADAUSDT']),
    ).toEqual({ added: ['XRPUSDT', 'ADAUSDT'], removed: ['BTCUSDT', 'BNBUSDT'] });
    expect(symbolListChange(['BTCUSDT'], ['BTCUSDT'])).toEqual({ added: [], removed: [] });
  });
});

describe(parseSymbolSettings.name, () => {
  it('reads a plain array as the symbols, with no priority', () => {
    expect(parseSymbolSettings(['BTCUSDT', 'ETHUSDT'])).toEqual({
      symbols: ['BTCUSDT', 'ETHUSDT'],
      priority: [],
    });
  });

  it('reads symbols and priority from an object', () => {
    expect(parseSymbolSettings({ symbols: ['BTCUSDT'], priority: ['ETHUSDT'] })).toEqual({
      symbols: ['BTCUSDT'],
      priority: ['ETHUSDT'],
    });
  });

  it.each([
    [{ priority: ['BTCUSDT'] }, 'symbols must be an array of symbols'],
    [{ symbols: ['btcusdt', 5] }, 'symbols holds invalid symbols: ["btcusdt",5]'],
    [{ symbols: [], priority: 'BTCUSDT' }, 'priority must be an array of symbols'],
    ['BTCUSDT', 'settings must be a JSON object'],
  ])('refuses %j: %s', (json, message) => {
    expect(() => parseSymbolSettings(json)).toThrow(message);
  });
});

describe(fetchSymbolSettings.name, () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: string };

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(answer.status).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pairs.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('returns the settings the URL serves', async () => {
    answer = { status: 200, body: '{"symbols":["BTCUSDT"],"priority":["ETHUSDT"]}' };

    await expect(fetchSymbolSettings(url, () => undefined)).resolves.toEqual({
      symbols: ['BTCUSDT'],
      priority: ['ETHUSDT'],
    });
  });

  it('returns null and says why when the URL fails or serves nonsense', async () => {
    const warnings: string[] = [];
    answer = { status: 503, body: '' };
    await expect(fetchSymbolSettings(url, (w) => warnings.push(w))).resolves.toBeNull();
    answer = { status: 200, body: '{"symbols":"BTCUSDT"}' };
    await expect(fetchSymbolSettings(url, (w) => warnings.push(w))).resolves.toBeNull();

    expect(warnings).toEqual([
      `symbol settings from ${url} not used: HTTP 503`,
      `symbol settings from ${url} not used: symbols must be an array of symbols`,
    ]);
  });
});
