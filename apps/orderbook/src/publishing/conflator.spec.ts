import { ManualScheduler } from '@app/orderbook';
import { Conflator } from './conflator';

function setup() {
  const timers = new ManualScheduler();
  const flushes: [string, number][] = [];
  const conflator = new Conflator(
    100,
    () => timers.now,
    timers,
    (key) => flushes.push([key, timers.now]),
  );
  return { timers, flushes, conflator };
}

describe(Conflator.name, () => {
  it('flushes the first change at once and at most once per interval after that', () => {
    const { timers, flushes, conflator } = setup();
    conflator.offer('BTCUSDT');
    for (let t = 0; t < 10; t++) {
      timers.advanceBy(10);
      conflator.offer('BTCUSDT'); // 10 changes in the next 100 ms
    }
    expect(flushes).toEqual([
      ['BTCUSDT', 0],
      ['BTCUSDT', 100],
    ]);
    timers.advanceBy(100);
    // The change offered at 100, just after that flush, waits for the next interval:
    expect(flushes).toEqual([
      ['BTCUSDT', 0],
      ['BTCUSDT', 100],
      ['BTCUSDT', 200],
    ]);
  });

  it('keeps symbols independent', () => {
    const { timers, flushes, conflator } = setup();
    conflator.offer('BTCUSDT');
    timers.advanceBy(30);
    conflator.offer('ETHUSDT');
    conflator.offer('BTCUSDT');
    timers.advanceBy(100);
    expect(flushes).toEqual([
      ['BTCUSDT', 0],
      ['ETHUSDT', 30],
      ['BTCUSDT', 100],
    ]);
  });

  it('flushes a change after a quiet interval immediately', () => {
    const { timers, flushes, conflator } = setup();
    conflator.offer('BTCUSDT');
    timers.advanceBy(250);
    conflator.offer('BTCUSDT');
    expect(flushes).toEqual([
      ['BTCUSDT', 0],
      ['BTCUSDT', 250],
    ]);
  });

  it('forgets a released key: its pending flush never happens', () => {
    const { timers, flushes, conflator } = setup();
    conflator.offer('BTCUSDT');
    timers.advanceBy(10);
    conflator.offer('BTCUSDT');
    conflator.forget('BTCUSDT');
    timers.advanceBy(1000);
    expect(flushes).toEqual([['BTCUSDT', 0]]);
    expect(timers.pendingCount).toBe(0);
  });
});
