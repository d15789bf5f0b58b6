import { StreamDedupe } from './exchange-ids';
import { RolloverSwitch } from './rollover-switch';

/**
 * Drives a rollover the way the pool does: the old connection forwards through the dedupe, the new
 * one is held until it has caught up, then its held messages are replayed through the dedupe.
 */
function overlap(script: ['old' | 'new', string, number][]) {
  const dedupe = new StreamDedupe();
  const rollover = new RolloverSwitch<string>();
  const delivered: string[] = [];
  const deliver = (stream: string, id: number) => {
    if (dedupe.accept(stream, id)) delivered.push(`${stream}:${id}`);
  };
  let switchedAfter = -1;
  script.forEach(([from, stream, id], step) => {
    if (switchedAfter >= 0) {
      if (from === 'new') deliver(stream, id);
      return;
    }
    if (from === 'old') {
      rollover.notePrimary(stream, id);
      deliver(stream, id);
    } else {
      rollover.holdCandidate({ stream, id, message: `${stream}:${id}`, receivedAt: step });
    }
    if (rollover.caughtUp((s) => dedupe.lastId(s))) {
      switchedAfter = step;
      for (const held of rollover.drain()) deliver(held.stream, held.id as number);
    }
  });
  return { delivered, switchedAfter };
}

describe(RolloverSwitch.name, () => {
  it('waits while the new connection is ahead of the old one, then delivers every id once', () => {
    const { delivered, switchedAfter } = overlap([
      ['old', 'a@depth', 10],
      ['new', 'a@depth', 12], // the new connection starts at 12; the old has only reached 10
      ['new', 'a@depth', 13],
      ['old', 'a@depth', 11],
      ['old', 'a@depth', 12], // both have now seen 12: caught up
      ['new', 'a@depth', 14],
      ['old', 'a@depth', 13], // ignored after the switch: the old connection is closed
    ]);

    expect(switchedAfter).toBe(4);
    expect(delivered).toEqual([
      'a@depth:10',
      'a@depth:11',
      'a@depth:12',
      'a@depth:13',
      'a@depth:14',
    ]);
  });

  it('does not switch until every stream active on either connection has caught up', () => {
    const { delivered, switchedAfter } = overlap([
      ['old', 'a@trade', 5],
      ['old', 'b@trade', 7],
      ['new', 'a@trade', 5], // a caught up, b not yet seen on the new connection
      ['old', 'b@trade', 8],
      ['new', 'a@trade', 6],
      ['new', 'b@trade', 8], // b caught up too
      ['new', 'b@trade', 9],
    ]);

    expect(switchedAfter).toBe(5);
    expect(delivered).toEqual(['a@trade:5', 'b@trade:7', 'b@trade:8', 'a@trade:6', 'b@trade:9']);
  });

  it('never switches before the new connection has delivered anything', () => {
    const rollover = new RolloverSwitch<string>();
    rollover.notePrimary('a@trade', 1);

    expect(rollover.caughtUp(() => 1)).toBe(false);
  });

  it('reports a full buffer so the caller can switch rather than grow without bound', () => {
    const rollover = new RolloverSwitch<string>(2);
    const item = { stream: 'a@trade', id: 1, message: 'm', receivedAt: 0 };

    expect([rollover.holdCandidate(item), rollover.holdCandidate(item)]).toEqual([true, false]);
  });
});
