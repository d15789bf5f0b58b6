import { MessagePacer } from './message-pacer';

describe(MessagePacer.name, () => {
  it('allows the configured number of messages per second, then waits for the oldest to age out', () => {
    let clock = 10_000;
    const pacer = new MessagePacer(3, () => clock);
    const sentAt: number[] = [];
    // Try to send 7 messages as fast as allowed.
    while (sentAt.length < 7) {
      const wait = pacer.delay();
      if (wait > 0) {
        clock += wait;
        continue;
      }
      pacer.record();
      sentAt.push(clock);
      clock += 10;
    }

    expect(sentAt).toEqual([10_000, 10_010, 10_020, 11_000, 11_010, 11_020, 12_000]);
    // Under Binance's 5 per second in every 1-second window.
    for (const t of sentAt) {
      expect(sentAt.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(3);
    }
  });

  it('rejects a rate below 1', () => {
    expect(() => new MessagePacer(0, () => 0)).toThrow(
      'messages per second must be a positive integer (got 0)',
    );
  });
});
