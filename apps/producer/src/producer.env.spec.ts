import { parseEnv } from '@app/platform';
import { ProducerEnv } from './producer.env';

describe(ProducerEnv.name, () => {
  it('defaults to the built-in simulator and the simulated chain', () => {
    const env = parseEnv(ProducerEnv, {});

    expect(env.marketDataOptions).toEqual({
      symbols: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'],
      prioritySymbols: [],
      symbolsRefreshMs: 60_000,
      source: { kind: 'sim', seed: 42, eventsPerSecond: 10 },
      streamsPerConnection: 1024,
      maxConnectionAgeMs: 85_800_000,
      maxWeightPerMinute: 4_800,
    });
    expect(env.swapOptions).toEqual({
      kind: 'sim',
      seed: 42,
      eventsPerSecond: 17,
      blockTimeMs: 12_000,
    });
  });

  it('reads the priority symbols and the symbol settings URL', () => {
    const env = parseEnv(ProducerEnv, {
      PRIORITY_SYMBOLS: 'ethusdt,BTCUSDT',
      SYMBOLS_URL: 'http://settings.local/pairs.json',
    });

    expect(env.marketDataOptions.prioritySymbols).toEqual(['ETHUSDT', 'BTCUSDT']);
    expect(env.marketDataOptions.symbolsUrl).toBe('http://settings.local/pairs.json');
  });

  it('reads the re-read interval of the settings URL, 0 meaning never', () => {
    expect(parseEnv(ProducerEnv, { SYMBOLS_REFRESH_MS: '5000' }).marketDataOptions).toMatchObject({
      symbolsRefreshMs: 5_000,
    });
    expect(parseEnv(ProducerEnv, { SYMBOLS_REFRESH_MS: '0' }).SYMBOLS_REFRESH_MS).toBe(0);
  });

  it.each(['-1', '1.5', 'soon'])('refuses SYMBOLS_REFRESH_MS=%s, naming it', (value) => {
    expect(() => parseEnv(ProducerEnv, { SYMBOLS_REFRESH_MS: value })).toThrow(
      'SYMBOLS_REFRESH_MS must be an integer from 0 to 86400000',
    );
  });

  it('refuses a settings URL that is not http(s), naming it', () => {
    expect(() => parseEnv(ProducerEnv, { SYMBOLS_URL: 'ftp://x/pairs.json' })).toThrow(
      'SYMBOLS_URL',
    );
  });

  it('reads live Binance when only the WebSocket URL is set, with Binance REST', () => {
    const env = parseEnv(ProducerEnv, { EXCHANGE_WS_URL: 'wss://stream.binance.com:9443' });

    expect(env.marketSource).toEqual({
      kind: 'binance',
      wsUrl: 'wss://stream.binance.com:9443',
      restUrl: 'https://api.binance.com',
    });
  });

  it("talks REST to a simulator's own host when pointed at one", () => {
    const env = parseEnv(ProducerEnv, {
      MARKET_SOURCE: 'binance',
      EXCHANGE_WS_URL: 'ws://127.0.0.1:4000',
    });

    expect(env.marketSource).toEqual({
      kind: 'binance',
      wsUrl: 'ws://127.0.0.1:4000',
      restUrl: 'http://127.0.0.1:4000',
    });
  });

  it('replays a recorded day and the recorded swaps when asked', () => {
    const env = parseEnv(ProducerEnv, {
      MARKET_SOURCE: 'replay',
      REPLAY_DIR: '/data/day',
      REPLAY_SPEED: '10',
      DEX_SOURCE: 'replay',
    });

    expect(env.marketSource).toEqual({ kind: 'replay', dir: '/data/day', speed: 10 });
    expect(env.swapOptions).toEqual({ kind: 'replay', dir: '../shared/data/uniswap-v3' });
  });

  it('names each bad variable and what was expected', () => {
    expect(() =>
      parseEnv(ProducerEnv, {
        MARKET_SOURCE: 'kraken',
        DEX_SOURCE: 'mainnet',
        WS_STREAMS_PER_CONNECTION: '2000',
      }),
    ).toThrow(
      [
        'Invalid environment:',
        '  MARKET_SOURCE must be one of sim, binance, replay (got "kraken")',
        '  WS_STREAMS_PER_CONNECTION must be an integer from 1 to 1024 (got "2000")',
        '  DEX_SOURCE must be one of sim, replay, off (got "mainnet")',
      ].join('\n'),
    );
  });
});
