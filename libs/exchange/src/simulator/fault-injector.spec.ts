import { FaultInjector } from './fault-injector';

const fates = (faults: FaultInjector, symbol: string, count: number) =>
  Array.from({ length: count }, () => faults.diffFate(symbol));

describe(FaultInjector.name, () => {
  it('drops and then duplicates the next N diffs, once each', () => {
    const faults = new FaultInjector();
    faults.configure({ dropDiffs: 2, duplicateDiffs: 1 });
    expect(fates(faults, 'BTCUSDT', 5)).toEqual(['drop', 'drop', 'duplicate', 'send', 'send']);
    expect(faults.injected).toEqual({
      droppedDiffs: 2,
      duplicatedDiffs: 1,
      droppedTrades: 0,
      droppedAggTrades: 0,
      rest429s: 0,
    });
  });

  it('drops the next N trade and aggTrade events of the symbol asked, each kind on its own', () => {
    const faults = new FaultInjector({ dropTrades: 1, dropAggTrades: 2, symbol: 'ETHUSDT' });
    const fates = ['BTCUSDT', 'ETHUSDT', 'ETHUSDT', 'ETHUSDT'].map((s) => [
      faults.dropsTrade('trade', s),
      faults.dropsTrade('aggTrade', s),
    ]);
    expect(fates).toEqual([
      [false, false],
      [true, true],
      [false, true],
      [false, false],
    ]);
    expect(faults.injected).toMatchObject({ droppedTrades: 1, droppedAggTrades: 2 });
  });

  it('limits diff faults to one symbol when asked', () => {
    const faults = new FaultInjector({ dropDiffs: 1, symbol: 'ETHUSDT' });
    expect([
      faults.diffFate('BTCUSDT'),
      faults.diffFate('ETHUSDT'),
      faults.diffFate('ETHUSDT'),
    ]).toEqual(['send', 'drop', 'send']);
  });

  it('drops every Nth diff for a whole run', () => {
    const faults = new FaultInjector({ dropDiffEvery: 3 });
    expect(fates(faults, 'BTCUSDT', 7)).toEqual([
      'send',
      'send',
      'drop',
      'send',
      'send',
      'drop',
      'send',
    ]);
  });

  it('refuses the next N REST calls with the given Retry-After', () => {
    const faults = new FaultInjector({ rest429: { count: 2, retryAfterSec: 9 } });
    expect([faults.takeRest429(), faults.takeRest429(), faults.takeRest429()]).toEqual([
      9,
      9,
      null,
    ]);
  });
});
