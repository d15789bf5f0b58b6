import { InvalidEnvironmentError, parseEnv } from '@app/platform';
import { OrderbookEnv } from './orderbook.env';

const REQUIRED = { REDIS_URL: 'redis://localhost:6379' };

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(OrderbookEnv, { ...REQUIRED, ...source });
  } catch (error) {
    return (error as InvalidEnvironmentError).problems;
  }
  return [];
}

describe(OrderbookEnv.name, () => {
  it('has working defaults for the order-book variables', () => {
    const env = parseEnv(OrderbookEnv, REQUIRED);
    expect(env.EXCHANGE_REST_URL).toBe('https://api.binance.com');
    expect(env.BOOK_DEPTH).toBe(20);
    expect(env.BOOK_SNAPSHOT_LIMIT).toBe(5000);
    expect(env.orderbookOptions.snapshotLimits).toEqual({ priority: 5000, others: 5000 });
    expect(env.BOOK_PUBLISH_INTERVAL_MS).toBe(100);
    expect(env.SNAPSHOT_WEIGHT_PER_MINUTE).toBe(2400);
    expect(env.prioritySymbols).toEqual([]);
    expect(env.BOOK_ANOMALY_MAX_DEVIATION_PCT).toBeUndefined();
  });

  it('reads priority symbols and anomaly limits', () => {
    const env = parseEnv(OrderbookEnv, {
      ...REQUIRED,
      PRIORITY_SYMBOLS: 'btcusdt, ETHUSDT',
      BOOK_ANOMALY_MAX_DEVIATION_PCT: '{"*":"10","BTCUSDT":"2.5"}',
    });
    expect(env.prioritySymbols).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(env.BOOK_ANOMALY_MAX_DEVIATION_PCT).toBe('{"*":"10","BTCUSDT":"2.5"}');
  });

  it('asks the symbols outside the priority list for BOOK_SNAPSHOT_LIMIT_OTHERS levels', () => {
    const env = parseEnv(OrderbookEnv, { ...REQUIRED, BOOK_SNAPSHOT_LIMIT_OTHERS: '100' });
    expect(env.orderbookOptions.snapshotLimits).toEqual({ priority: 5000, others: 100 });
    expect(problems({ BOOK_SNAPSHOT_LIMIT_OTHERS: '5001' })).toEqual([
      'BOOK_SNAPSHOT_LIMIT_OTHERS must be an integer from 1 to 5000 (got "5001")',
    ]);
  });

  it('names each malformed variable', () => {
    expect(
      problems({
        EXCHANGE_REST_URL: 'ftp://exchange',
        BOOK_DEPTH: '0',
        SNAPSHOT_WEIGHT_PER_MINUTE: '7000',
        PRIORITY_SYMBOLS: 'BTC-USDT',
        BOOK_ANOMALY_MAX_DEVIATION_PCT: '{"BTCUSDT":"-1"}',
      }),
    ).toEqual([
      'EXCHANGE_REST_URL must be a URL starting with http:// or https:// (got "ftp://exchange")',
      'PRIORITY_SYMBOLS must be a comma-separated list of symbols such as BTCUSDT,ETHUSDT (got "BTC-USDT")',
      'BOOK_DEPTH must be an integer from 1 to 5000 (got "0")',
      'SNAPSHOT_WEIGHT_PER_MINUTE must be an integer from 1 to 6000 (got "7000")',
      'BOOK_ANOMALY_MAX_DEVIATION_PCT must be JSON like {"*":"10","BTCUSDT":"2"}: symbol (or "*") to a decimal percentage (got "{\\"BTCUSDT\\":\\"-1\\"}")',
    ]);
  });
});
