import { btcTrade } from '../../test/support/fixed-events';
import { countedFromTrade } from './counted-trade';
import { dedupeByMarks, tradeMark } from './trade-marks';

const T = Date.UTC(2024, 0, 5);
const trade = (id: number, aggregate = false) =>
  countedFromTrade({ ...btcTrade(id, '100', '1', T + id), aggregate });

describe(dedupeByMarks.name, () => {
  it('names one mark per symbol and id kind', () => {
    expect([tradeMark(trade(7)), tradeMark(trade(7, true))]).toEqual(['BTCUSDT:t', 'BTCUSDT:a']);
  });

  it('counts the ids above the stored mark once, in batch order, and moves the mark', () => {
    const batch = [trade(4), trade(5), trade(5), trade(3), trade(6), trade(2, true)];
    const { fresh, duplicates, marks } = dedupeByMarks(batch, new Map([['BTCUSDT:t', 4]]));
    expect(fresh.map((t) => t.eventId)).toEqual([
      'trade:BTCUSDT:t:5',
      'trade:BTCUSDT:t:6',
      'trade:BTCUSDT:a:2',
    ]);
    expect(duplicates).toBe(3); // 4 (stored mark), the second 5, and 3 (below the batch's 5)
    expect(marks).toEqual(
      new Map([
        ['BTCUSDT:t', 6],
        ['BTCUSDT:a', 2],
      ]),
    );
  });

  it('moves no mark for a batch of duplicates', () => {
    const { fresh, duplicates, marks } = dedupeByMarks(
      [trade(1), trade(2)],
      new Map([['BTCUSDT:t', 2]]),
    );
    expect([fresh, duplicates, marks]).toEqual([[], 2, new Map()]);
  });
});
