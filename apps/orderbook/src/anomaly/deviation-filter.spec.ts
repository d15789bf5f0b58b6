import { OrderBook } from '@app/orderbook';
import { DeviationBand, publishedView } from './deviation-filter';

function bookOf(bids: [string, string][], asks: [string, string][]): OrderBook {
  const book = new OrderBook();
  book.loadSnapshot({ lastUpdateId: 7, bids, asks });
  return book;
}

describe(DeviationBand.name, () => {
  it('includes the exact bounds and excludes the smallest step beyond them', () => {
    const band = new DeviationBand('100', '2.5'); // [97.5, 102.5]
    expect(band.position('97.5')).toBe(0);
    expect(band.position('102.50000000')).toBe(0);
    expect(band.position('97.49999999')).toBe(-1);
    expect(band.position('102.500000000000000001')).toBe(1);
    expect(band.position('100')).toBe(0);
  });

  it('decides where binary floats would not: 0.1 + 0.2 style prices', () => {
    // mid 0.3 and 10 %: the bound is exactly 0.33; as floats 0.3 * 1.1 = 0.33000000000000007.
    const band = new DeviationBand('0.3', '10');
    expect(band.position('0.33')).toBe(0);
    expect(band.position('0.33000000000000001')).toBe(1);
    expect(band.position('0.27')).toBe(0);
    expect(band.position('0.26999999999999999')).toBe(-1);
  });
});

describe(publishedView.name, () => {
  const bids: [string, string][] = [
    ['99.00', '1'],
    ['98.00', '2'],
    ['90.00', '3'], // 10 % below the mid of 100
    ['50.00', '4'], // a fat finger
  ];
  const asks: [string, string][] = [
    ['101.00', '1'],
    ['105.00', '2'],
    ['110.00', '3'],
    ['1000.00', '9'],
  ];

  it('leaves out levels farther than the limit from the mid, and never touches the book', () => {
    const book = bookOf(bids, asks);
    const view = publishedView(book, 20, '5');
    expect(view).toEqual({
      bids: [
        { price: '99.00', quantity: '1' },
        { price: '98.00', quantity: '2' },
      ],
      asks: [
        { price: '101.00', quantity: '1' },
        { price: '105.00', quantity: '2' },
      ],
    });
    expect(book.bidCount).toBe(4);
    expect(book.askCount).toBe(4);
    expect(book.top(1).asks).toEqual([{ price: '101.00', quantity: '1' }]);
  });

  it('cuts to depth after filtering, and shows everything without a limit', () => {
    const book = bookOf(bids, asks);
    expect(publishedView(book, 1, '10')).toEqual({
      bids: [{ price: '99.00', quantity: '1' }],
      asks: [{ price: '101.00', quantity: '1' }],
    });
    expect(publishedView(book, 3, '10').bids.map((level) => level.price)).toEqual([
      '99.00',
      '98.00',
      '90.00',
    ]);
    expect(publishedView(book, 20, undefined)).toEqual(book.top(20));
  });

  it('shows a one-sided book unfiltered: there is no mid to measure from', () => {
    const book = bookOf(bids, []);
    expect(publishedView(book, 20, '1')).toEqual(book.top(20));
  });
});
