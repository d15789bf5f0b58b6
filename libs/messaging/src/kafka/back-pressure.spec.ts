import { BackPressure } from './back-pressure';

describe(BackPressure.name, () => {
  let calls: boolean[];
  let pressure: BackPressure;

  beforeEach(() => {
    jest.useFakeTimers();
    calls = [];
    pressure = new BackPressure(1_000);
    pressure.subscribe((hold) => calls.push(hold));
  });
  afterEach(() => jest.useRealTimers());

  it('tells listeners once when holding starts and once when it ends', () => {
    pressure.update(true);
    pressure.update(true);
    pressure.update(false);
    pressure.update(false);
    expect(calls).toEqual([true, false]);
  });

  it('releases after maxHoldMs and does not hold again until a batch went out', () => {
    pressure.update(true);
    jest.advanceTimersByTime(999);
    expect(calls).toEqual([true]);
    jest.advanceTimersByTime(1);
    expect(calls).toEqual([true, false]);
    pressure.update(true);
    expect(calls).toEqual([true, false]);
    pressure.rearm();
    pressure.update(true);
    expect(calls).toEqual([true, false, true]);
  });

  it('tells a listener that subscribes during a hold at once, and none after unsubscribing', () => {
    pressure.update(true);
    const late: boolean[] = [];
    const unsubscribe = pressure.subscribe((hold) => late.push(hold));
    unsubscribe();
    pressure.update(false);
    expect(late).toEqual([true]);
    expect(calls).toEqual([true, false]);
  });
});
