import { exponentialDelay, fullJitterDelay } from './backoff';

const BASE_MS = 100;
const CAP_MS = 30_000;

describe(fullJitterDelay.name, () => {
  it('waits 0 ms when the random draw is 0', () => {
    for (const attempt of [0, 1, 5, 20, 1000]) {
      expect(fullJitterDelay(attempt, BASE_MS, CAP_MS, () => 0)).toBe(0);
    }
  });

  it('stays just under the cap when the draw is 0.999 and the attempt is large', () => {
    expect(fullJitterDelay(20, BASE_MS, CAP_MS, () => 0.999)).toBe(29_970);
  });

  it('stays under the cap even for a huge attempt number', () => {
    expect(fullJitterDelay(1_000_000, BASE_MS, CAP_MS, () => 0.999)).toBe(29_970);
  });

  it('doubles the ceiling with each attempt until it reaches the cap', () => {
    const delays = Array.from({ length: 12 }, (_, attempt) =>
      fullJitterDelay(attempt, BASE_MS, CAP_MS, () => 0.5),
    );

    expect(delays).toEqual([
      50, 100, 200, 400, 800, 1600, 3200, 6400, 12_800, 15_000, 15_000, 15_000,
    ]);
  });

  it('returns whole milliseconds', () => {
    expect(fullJitterDelay(0, BASE_MS, CAP_MS, () => 0.123456)).toBe(12);
  });

  it('uses Math.random when no random is injected', () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.25);

    expect(fullJitterDelay(3, BASE_MS, CAP_MS)).toBe(200);
    expect(random).toHaveBeenCalledTimes(1);
    random.mockRestore();
  });
});

describe(exponentialDelay.name, () => {
  it('doubles from the base with each attempt and stops at the cap', () => {
    const delays = Array.from({ length: 10 }, (_, attempt) =>
      exponentialDelay(attempt, BASE_MS, CAP_MS),
    );

    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 12_800, 25_600, 30_000]);
    expect(exponentialDelay(1_000_000, BASE_MS, CAP_MS)).toBe(30_000);
  });
});
