import { parseEnv } from '@app/platform';
import { ProducerEnv } from './producer.env';

describe(ProducerEnv.name, () => {
  it('defaults to the built-in simulator and the simulated chain', () => {
    const env = parseEnv(ProducerEnv, {});

    expect(env.marketDataOptions).toEqual({
      symbols: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'],
      prioritySymbols: [],
      symbolsRefreshMs: 60_000,
      marketsRefreshMs: 10_000,
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

  it('reads wildcards in SYMBOLS: * (every trading symbol) and *QUOTE, mixed with names', () => {
    expect(parseEnv(ProducerEnv, { SYMBOLS: '*' }).marketDataOptions.symbols).toEqual(['*']);
    expect(parseEnv(ProducerEnv, { SYMBOLS: 'btceur, *usdt,*BTC' }).SYMBOLS).toEqual([
      'BTCEUR',
      '*USDT',
      '*BTC',
    ]);
  });

  it.each(['**', 'USDT*', '*US-DT', 'BTC*USDT'])('refuses SYMBOLS=%s, naming it', (value) => {
    expect(() => parseEnv(ProducerEnv, { SYMBOLS: value })).toThrow(
      `SYMBOLS must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT, or * (every trading symbol), or *USDT (every one quoted in USDT) (got "${value}")`,
    );
  });

  it('refuses a wildcard among the priority symbols, naming them', () => {
    expect(() => parseEnv(ProducerEnv, { PRIORITY_SYMBOLS: '*USDT' })).toThrow(
      'PRIORITY_SYMBOLS must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT (got "*USDT")',
    );
  });

  it('reads the re-read interval of the settings URL, 0 meaning never', () => {
    expect(parseEnv(ProducerEnv, { SYMBOLS_REFRESH_MS: '5000' }).marketDataOptions).toMatchObject({
      symbolsRefreshMs: 5_000,
    });
    expect(parseEnv(ProducerEnv, { SYMBOLS_REFRESH_MS: '0' }).SYMBOLS_REFRESH_MS).toBe(0);
  });

  it('reads the markets catalog refresh period, 10 s by default', () => {
    expect(parseEnv(ProducerEnv, {}).marketDataOptions.marketsRefreshMs).toBe(10_000);
    expect(
      parseEnv(ProducerEnv, { MARKETS_REFRESH_MS: '500' }).marketDataOptions.marketsRefreshMs,
    ).toBe(500);
  });

  it.each(['0', '99', '1.5', 'soon'])('refuses MARKETS_REFRESH_MS=%s, naming it', (value) => {
    expect(() => parseEnv(ProducerEnv, { MARKETS_REFRESH_MS: value })).toThrow(
      'MARKETS_REFRESH_MS must be an integer from 100 to 86400000',
    );
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

  it('replays the recordings kept in the repository by default, relative to the working directory', () => {
    const env = parseEnv(ProducerEnv, {
      MARKET_SOURCE: 'replay',
      REPLAY_SPEED: '10',
      DEX_SOURCE: 'replay',
    });

    expect(env.marketSource).toEqual({
      kind: 'replay',
      dir: 'recordings/binance-spot/2021-04-05',
      speed: 10,
    });
    expect(env.swapOptions).toEqual({
      kind: 'replay',
      dir: 'recordings/uniswap-v3',
      swapsPerSecond: 50_000,
      pools: [],
    });
  });

  it('hands the pools of DEX_POOLS to the swap replay', () => {
    const pool = {
      address: '0x8ad599c3a0ff1de082011efddc58f1908eb6e6d8',
      token0Symbol: 'USDC',
      token1Symbol: 'WETH',
      token0Decimals: 6,
      token1Decimals: 18,
      fee: 3000,
    };
    const env = parseEnv(ProducerEnv, {
      DEX_SOURCE: 'replay',
      DEX_POOLS: JSON.stringify([pool]),
      DEX_REPLAY_RATE: '200',
    });

    expect(env.swapOptions).toEqual({
      kind: 'replay',
      dir: 'recordings/uniswap-v3',
      swapsPerSecond: 200,
      pools: [{ ...pool, chainId: 1 }],
    });
  });

  it('refuses DEX_POOLS at start-up, naming it, the problem and the shape expected', () => {
    expect(() => parseEnv(ProducerEnv, { DEX_POOLS: '[{"address":"0x12"}]' })).toThrow(
      [
        'Invalid environment:',
        '  DEX_POOLS must be a JSON array of pools like ' +
          '[{"address":"0x…","token0Symbol":"USDC","token1Symbol":"WETH","token0Decimals":6,"token1Decimals":18,"fee":500}]: ' +
          'pool 1: address must be a 0x address of 40 hex digits (got "[{\\"address\\":\\"0x12\\"}]")',
      ].join('\n'),
    );
  });

  it('refuses replay directories that do not exist, naming them and where relative paths start', () => {
    expect(() =>
      parseEnv(ProducerEnv, {
        MARKET_SOURCE: 'replay',
        REPLAY_DIR: 'recordings/binance-spot/1999-01-01',
        DEX_SOURCE: 'replay',
        DEX_REPLAY_DIR: '/nowhere/uniswap-v3',
      }),
    ).toThrow(
      [
        'Invalid environment:',
        `  REPLAY_DIR must be an existing directory (relative paths resolve against ${process.cwd()}) (got "recordings/binance-spot/1999-01-01")`,
        `  DEX_REPLAY_DIR must be an existing directory (relative paths resolve against ${process.cwd()}) (got "/nowhere/uniswap-v3")`,
      ].join('\n'),
    );
  });

  it('does not look for replay directories when nothing is replayed', () => {
    const env = parseEnv(ProducerEnv, { REPLAY_DIR: '/nowhere', DEX_REPLAY_DIR: '/nowhere' });

    expect([env.marketSource.kind, env.swapOptions.kind]).toEqual(['sim', 'sim']);
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
