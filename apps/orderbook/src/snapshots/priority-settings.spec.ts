import { parsePrioritySettings } from './priority-settings';

describe(parsePrioritySettings.name, () => {
  it('reads the priority list, ignoring the producer’s symbols', () => {
    expect(
      parsePrioritySettings({
        symbols: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'],
        priority: ['ETHUSDT', 'BTCUSDT'],
      }),
    ).toEqual(['ETHUSDT', 'BTCUSDT']);
    expect(parsePrioritySettings({ priority: [] })).toEqual([]);
  });

  it.each([
    [null, 'expected {"priority":["BTCUSDT",...]}'],
    [{ symbols: ['BTCUSDT'] }, 'expected {"priority":["BTCUSDT",...]}'],
    [{ priority: 'BTCUSDT' }, 'expected {"priority":["BTCUSDT",...]}'],
    [{ priority: ['BTCUSDT', 'btc-usdt'] }, 'priority: "btc-usdt" is not a symbol such as BTCUSDT'],
    [{ priority: [42] }, 'priority: 42 is not a symbol such as BTCUSDT'],
  ])('refuses %j', (json, message) => {
    expect(() => parsePrioritySettings(json)).toThrow(message);
  });
});
