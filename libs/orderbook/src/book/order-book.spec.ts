import { InvalidDecimalError } from '@app/decimal';
import { BookSideName, PriceLevel } from './book-types';
import { OrderBook } from './order-book';

function bookWith(bids: [string, string][], asks: [string, string][]): OrderBook {
  const book = new OrderBook();
  book.loadSnapshot({ lastUpdateId: 100, bids, asks });
  return book;
}

describe(OrderBook.name, () => {
  it('starts empty', () => {
    const book = new OrderBook();
    expect([book.bidCount, book.askCount, book.lastUpdateId]).toEqual([0, 0, 0]);
    expect([book.bestBid(), book.bestAsk(), book.spread(), book.mid()]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(book.isCrossed()).toBe(false);
    expect(book.top(5)).toEqual({ bids: [], asks: [] });
  });

  it('sorts bids descending and asks ascending whatever the arrival order', () => {
    const book = bookWith(
      [
        ['99.5', '1'],
        ['101.25', '2'],
        ['100', '3'],
      ],
      [
        ['103', '4'],
        ['101.5', '5'],
        ['102.75', '6'],
      ],
    );
    expect(book.top(10)).toEqual({
      bids: [
        { price: '101.25', quantity: '2' },
        { price: '100', quantity: '3' },
        { price: '99.5', quantity: '1' },
      ],
      asks: [
        { price: '101.5', quantity: '5' },
        { price: '102.75', quantity: '6' },
        { price: '103', quantity: '4' },
      ],
    });
    expect(book.bestBid()).toEqual({ price: '101.25', quantity: '2' });
    expect(book.bestAsk()).toEqual({ price: '101.5', quantity: '5' });
    expect(book.lastUpdateId).toBe(100);
  });

  it('treats "1.5" and "1.50000000" as one price and keeps the latest spelling', () => {
    const book = new OrderBook();
    book.apply('bid', '1.5', '2');
    book.apply('bid', '1.50000000', '3.00000000');
    expect(book.bidCount).toBe(1);
    expect(book.bestBid()).toEqual({ price: '1.50000000', quantity: '3.00000000' });
    book.apply('bid', '1.500', '0.000');
    expect(book.bidCount).toBe(0);
  });

  it('orders prices with different numbers of decimals exactly', () => {
    const book = bookWith(
      [
        ['0.1', '1'],
        ['0.11', '1'],
        ['0.10000001', '1'],
        ['0.099999999999999999', '1'],
      ],
      [],
    );
    expect([...book.bids()].map((level) => level.price)).toEqual([
      '0.11',
      '0.10000001',
      '0.1',
      '0.099999999999999999',
    ]);
  });

  it('removes a level on quantity 0 and ignores removing a level it does not hold', () => {
    const book = bookWith(
      [
        ['10', '1'],
        ['9', '1'],
      ],
      [['11', '1']],
    );
    book.apply('bid', '10.00000000', '0.00000000');
    book.apply('bid', '8', '0');
    book.apply('ask', '12', '0');
    expect(book.top(5)).toEqual({
      bids: [{ price: '9', quantity: '1' }],
      asks: [{ price: '11', quantity: '1' }],
    });
  });

  it('accepts a level off any tick (the engine knows no tick sizes)', () => {
    const book = bookWith([['100.01', '1']], []);
    book.apply('bid', '100.005', '2');
    expect(book.top(2).bids.map((level) => level.price)).toEqual(['100.01', '100.005']);
  });

  it('computes spread and mid exactly, in the exchange style', () => {
    const book = bookWith([['65000.12000000', '1']], [['65000.13000000', '1']]);
    expect(book.spread()).toBe('0.01000000');
    expect(book.mid()).toBe('65000.12500000');
    const floatTrap = bookWith([['0.1', '1']], [['0.3', '1']]);
    expect(floatTrap.spread()).toBe('0.2');
    expect(floatTrap.mid()).toBe('0.2');
  });

  it('reports a crossed or locked book', () => {
    const book = bookWith([['10', '1']], [['10.01', '1']]);
    expect(book.isCrossed()).toBe(false);
    book.apply('ask', '10.00000000', '1');
    expect(book.isCrossed()).toBe(true); // locked
    expect(book.spread()).toBe('0.00000000');
    book.apply('bid', '10.1', '1');
    expect(book.isCrossed()).toBe(true);
    expect(book.spread()).toBe('-0.10000000');
  });

  it('returns at most the requested depth, and nothing for depth 0', () => {
    const book = bookWith(
      [
        ['1', '1'],
        ['2', '2'],
      ],
      [['3', '3']],
    );
    expect(book.top(1)).toEqual({
      bids: [{ price: '2', quantity: '2' }],
      asks: [{ price: '3', quantity: '3' }],
    });
    expect(book.top(0)).toEqual({ bids: [], asks: [] });
    expect(book.top(10).bids).toHaveLength(2);
  });

  it('hands out copies, so a kept level does not change under the reader', () => {
    const book = bookWith([['10', '1']], []);
    const best = book.bestBid();
    const top = book.top(1);
    book.apply('bid', '10', '7');
    expect(best).toEqual({ price: '10', quantity: '1' });
    expect(top.bids[0]).toEqual({ price: '10', quantity: '1' });
  });

  it('records the update id of applied diffs and replaces everything on a snapshot', () => {
    const book = bookWith([['10', '1']], [['11', '1']]);
    book.applyUpdate(105, [['10.5', '2']], [['11', '0']]);
    expect(book.lastUpdateId).toBe(105);
    expect(book.top(5)).toEqual({
      bids: [
        { price: '10.5', quantity: '2' },
        { price: '10', quantity: '1' },
      ],
      asks: [],
    });
    book.loadSnapshot({ lastUpdateId: 200, bids: [], asks: [['12', '1']] });
    expect([book.lastUpdateId, book.bidCount, book.askCount]).toEqual([200, 0, 1]);
  });

  it.each([
    ['1e5', '1'],
    ['-1', '1'],
    ['1', 'abc'],
    ['', '1'],
    ['1', '1.'],
    ['0.0000000000000000001', '1'],
  ])('rejects price %j / quantity %j and leaves the book unchanged', (price, quantity) => {
    const book = bookWith([['10', '1']], []);
    expect(() => book.apply('bid', price, quantity)).toThrow(InvalidDecimalError);
    expect([...book.bids()]).toEqual([{ price: '10', quantity: '1' }]);
  });

  it('matches a reference model over 20,000 random updates with mixed decimal spellings', () => {
    const random = mulberry32(42);
    const book = new OrderBook();
    const reference = { bid: new Map<bigint, PriceLevel>(), ask: new Map<bigint, PriceLevel>() };
    for (let step = 0; step < 20_000; step++) {
      const side: BookSideName = random() < 0.5 ? 'bid' : 'ask';
      const ticks = Math.floor(random() * 400);
      const price = spell(ticks, random);
      const quantity = random() < 0.3 ? '0.00000000' : `${Math.floor(random() * 1000)}.5`;
      book.apply(side, price, quantity);
      if (quantity === '0.00000000') reference[side].delete(scaled(price));
      else reference[side].set(scaled(price), { price, quantity });
    }
    const sorted = (levels: Map<bigint, PriceLevel>, descending: boolean): PriceLevel[] =>
      [...levels.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1) * (descending ? -1 : 1))
        .map(([, level]) => level);
    expect([...book.bids()]).toEqual(sorted(reference.bid, true));
    expect([...book.asks()]).toEqual(sorted(reference.ask, false));
    expect(book.bidCount).toBe(reference.bid.size);
  });
});

/** A price of `ticks` hundredths, spelled with 2 to 10 decimals (or none when whole). */
function spell(ticks: number, random: () => number): string {
  const whole = Math.floor(ticks / 100);
  const cents = String(ticks % 100).padStart(2, '0');
  const decimals = `${cents}${'0'.repeat(Math.floor(random() * 9))}`;
  return ticks % 100 === 0 && random() < 0.3 ? String(whole) : `${whole}.${decimals}`;
}

/** Independent of the engine's parser: the value in units of 10^-18, by string padding. */
function scaled(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole + fraction.padEnd(18, '0'));
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
