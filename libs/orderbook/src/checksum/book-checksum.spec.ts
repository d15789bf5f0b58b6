import { OrderBook } from '../book/order-book';
import { bookChecksum, checksumInput } from './book-checksum';

describe(bookChecksum.name, () => {
  // The worked example of libs/orderbook/README.md.
  const top = {
    bids: [
      { price: '65000.12000000', quantity: '0.51200000' },
      { price: '65000.11000000', quantity: '1.00000000' },
    ],
    asks: [{ price: '65000.13000000', quantity: '0.25000000' }],
  };

  it('hashes bid and ask levels interleaved by rank, in canonical decimals', () => {
    expect(checksumInput(top)).toBe('65000.12:0.512:65000.13:0.25:65000.11:1');
    expect(bookChecksum(top)).toBe(1883576495); // zlib.crc32(b'65000.12:0.512:65000.13:0.25:65000.11:1')
  });

  it('does not depend on how many trailing zeros the exchange sent', () => {
    const respelled = {
      bids: [
        { price: '65000.12', quantity: '0.512' },
        { price: '65000.110', quantity: '1' },
      ],
      asks: [{ price: '65000.1300', quantity: '0.25' }],
    };
    expect(bookChecksum(respelled)).toBe(bookChecksum(top));
  });

  it('continues with the longer side once the shorter runs out', () => {
    const asksOnly = { bids: [], asks: [...top.asks, { price: '65000.2', quantity: '3' }] };
    expect(checksumInput(asksOnly)).toBe('65000.13:0.25:65000.2:3');
    expect(bookChecksum(asksOnly)).toBe(0x307e6366); // zlib.crc32(b'65000.13:0.25:65000.2:3')
  });

  it('is 0 for an empty book (CRC-32 of the empty string)', () => {
    expect(bookChecksum({ bids: [], asks: [] })).toBe(0);
  });

  it('is what OrderBook.checksum computes over its top levels', () => {
    const book = new OrderBook();
    book.loadSnapshot({
      lastUpdateId: 1,
      bids: [
        ['65000.11000000', '1.00000000'],
        ['65000.12000000', '0.51200000'],
        ['64000.00000000', '9.00000000'],
      ],
      asks: [['65000.13000000', '0.25000000']],
    });
    expect(book.checksum(2)).toBe(1883576495);
    expect(book.checksum()).toBe(bookChecksum(book.top(25)));
  });
});
