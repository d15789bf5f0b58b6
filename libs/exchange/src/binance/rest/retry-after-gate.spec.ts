import { RetryAfterGate, retryAfterMs } from './retry-after-gate';

describe(RetryAfterGate.name, () => {
  let clock: number;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('lets requests go when nothing was rate limited', () => {
    expect(new RetryAfterGate(now).waitMs).toBe(0);
  });

  it("pauses every request for the 429's Retry-After seconds", () => {
    const gate = new RetryAfterGate(now);

    expect(gate.rateLimited(7_000)).toBe(7_000);
    clock += 6_999;
    expect(gate.waitMs).toBe(1);
    clock += 1;
    expect(gate.waitMs).toBe(0);
  });

  it('never shortens a pause already in force', () => {
    const gate = new RetryAfterGate(now);
    gate.rateLimited(30_000);

    expect(gate.rateLimited(1_000)).toBe(30_000);
  });

  it('backs off exponentially with full jitter when there is no Retry-After', () => {
    const gate = new RetryAfterGate(now, 1_000, 120_000, () => 0.5);

    expect(gate.rateLimited(null)).toBe(500);
    clock += 500;
    expect(gate.rateLimited(null)).toBe(1_000);
    clock += 1_000;
    expect(gate.rateLimited(null)).toBe(2_000);
    gate.succeeded();
    clock += 2_000;
    expect(gate.rateLimited(null)).toBe(500);
  });
});

describe(retryAfterMs.name, () => {
  it('reads seconds, or an HTTP date, and answers null when told nothing usable', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(
      30_000,
    );
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});
