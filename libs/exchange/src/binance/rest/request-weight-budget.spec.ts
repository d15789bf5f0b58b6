import { RequestWeightBudget } from './request-weight-budget';

describe(RequestWeightBudget.name, () => {
  let clock: number;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_700_000_020_000; // 40 s into a UTC minute
  });

  it('reserves weight while it fits and counts it as used', () => {
    const budget = new RequestWeightBudget(1000, now);

    expect(budget.tryReserve(250)).toBe(0);
    expect(budget.tryReserve(250)).toBe(0);
    expect(budget.used).toBe(500);
  });

  it('refuses a request that would exceed the budget and says how long until the minute resets', () => {
    const budget = new RequestWeightBudget(1000, now);
    budget.tryReserve(800);

    expect(budget.tryReserve(250)).toBe(20_000);
    expect(budget.used).toBe(800);
  });

  it("takes the exchange's X-MBX-USED-WEIGHT-1M count when it is higher than ours", () => {
    const budget = new RequestWeightBudget(1000, now);
    budget.tryReserve(5);
    budget.settle(5, 930); // other clients on the same IP used weight too

    expect(budget.used).toBe(930);
    expect(budget.tryReserve(250)).toBe(20_000);
  });

  it('counts a request without a header (network error) as charged', () => {
    const budget = new RequestWeightBudget(1000, now);
    budget.tryReserve(50);
    budget.settle(50, null);

    expect(budget.used).toBe(50);
  });

  it('starts from zero in the next minute', () => {
    const budget = new RequestWeightBudget(1000, now);
    budget.tryReserve(250);
    budget.settle(250, 990);
    clock += 20_000;

    expect(budget.used).toBe(0);
    expect(budget.tryReserve(1000)).toBe(0);
  });

  it('rejects a single request heavier than the whole budget', () => {
    const budget = new RequestWeightBudget(200, now);

    expect(() => budget.tryReserve(250)).toThrow(
      'request weight 250 exceeds the budget of 200/min',
    );
  });
});
