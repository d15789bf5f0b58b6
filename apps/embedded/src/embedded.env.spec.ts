import { parseEnv } from '@app/platform';
import { EmbeddedEnv } from './embedded.env';

describe(EmbeddedEnv.name, () => {
  it('configures every app it runs: market data, swaps, books and storage', () => {
    const env = parseEnv(EmbeddedEnv, {
      SYMBOLS: 'BTCUSDT',
      PRIORITY_SYMBOLS: 'BTCUSDT',
      DEX_SOURCE: 'off',
      BOOK_DEPTH: '5',
      BOOK_SNAPSHOT_LIMIT: '100',
      DATA_DIR: '/var/lib/marketstream',
    });
    const source = { fetchDepth: () => Promise.reject(new Error('unused')) };

    expect(env.marketDataOptions.symbols).toEqual(['BTCUSDT']);
    expect(env.swapOptions).toEqual({ kind: 'off' });
    expect(env.bookOptions(source, ['BTCUSDT'])).toEqual({
      snapshotSource: source,
      snapshotLimits: { priority: 100, others: 100 },
      weightPerMinute: 2400,
      prioritySymbols: ['BTCUSDT'],
      priority: { filePath: undefined, url: undefined, refreshMs: 60_000 },
      depth: 5,
      publishIntervalMs: 100,
      deviation: {
        envJson: undefined,
        filePath: undefined,
        url: undefined,
        refreshMs: 30_000,
      },
    });
    expect(env.storageOptions.database).toEqual({
      kind: 'pglite',
      dataDir: '/var/lib/marketstream',
    });
  });

  it('runs the simulated chain by default', () => {
    expect(parseEnv(EmbeddedEnv, {}).swapOptions).toEqual({
      kind: 'sim',
      seed: 42,
      eventsPerSecond: 17,
      blockTimeMs: 12_000,
    });
  });
});
