import { CountedTrade } from './counted-trade';
import { applyObservations, LedgerEntry, Observation, windowKey } from './event-ledger';

const T = Date.UTC(2024, 0, 5, 0, 0, 0);
const fill = (eventId: string, eventTime = T): CountedTrade => ({
  eventId,
  pair: 'WETH/USDC',
  market: 'dex',
  eventTime,
  ordinal: '1',
  price: '2000',
  baseAmount: '1',
  quoteAmount: '2000',
  takerBuys: true,
});
const count = (id: string, time = T): Observation => ({
  eventId: id,
  pair: fill(id, time).pair,
  eventTime: time,
  action: 'count',
  trade: fill(id, time),
});

describe(applyObservations.name, () => {
  it('counts once, drops redeliveries, and touches only the windows that changed', () => {
    const stored = new Map<string, LedgerEntry>([['a', { state: 'counted', trade: fill('a') }]]);
    const changes = applyObservations(stored, [
      count('a'),
      count('b', T + 60_000),
      count('b', T + 60_000),
    ]);
    expect(changes).toMatchObject({ counted: 1, duplicates: 2, uncounted: 0 });
    expect([...changes.changed.keys()]).toEqual(['b']);
    expect([...changes.affectedWindows]).toEqual([windowKey('WETH/USDC', T + 60_000)]);
  });

  it('takes a reorged swap out, counts it again when re-confirmed in another block', () => {
    const changes = applyObservations(new Map(), [
      count('s'),
      { eventId: 's', pair: 'WETH/USDC', eventTime: T, action: 'uncount' },
      count('s', T + 120_000),
    ]);
    expect(changes).toMatchObject({ counted: 2, uncounted: 1, duplicates: 0 });
    expect(changes.changed.get('s')).toEqual({ state: 'counted', trade: fill('s', T + 120_000) });
    expect([...changes.affectedWindows].sort()).toEqual(
      [windowKey('WETH/USDC', T), windowKey('WETH/USDC', T + 120_000)].sort(),
    );
  });

  it('never counts a failed swap, even when a confirmation follows', () => {
    const changes = applyObservations(new Map(), [
      { eventId: 'f', pair: 'WETH/USDC', eventTime: T, action: 'fail' },
      count('f'),
    ]);
    expect(changes).toMatchObject({ counted: 0, uncounted: 0 });
    expect(changes.changed.get('f')).toEqual({ state: 'failed', trade: null });
    expect(changes.affectedWindows.size).toBe(0);
  });

  it('ignores a reorg of a swap it never counted', () => {
    const changes = applyObservations(new Map(), [
      { eventId: 'r', pair: 'WETH/USDC', eventTime: T, action: 'uncount' },
    ]);
    expect(changes.changed.size).toBe(0);
  });
});
