import { CRC32_INITIAL, crc32, crc32Finish, crc32UpdateAscii, crc32UpdateBytes } from './crc32';

describe('crc32', () => {
  // Reference values from zlib.crc32 (Python) and the CRC catalogue's check value.
  it.each([
    ['123456789', 0xcbf43926],
    ['', 0],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
    ['65000.12:0.512:65000.13:0.25:65000.11:1', 0x704518af],
    ['é', 0x0e048d3e], // UTF-8 bytes c3 a9
  ])('crc32(%j) is %i', (input, expected) => {
    expect(crc32(input)).toBe(expected);
    expect(crc32(new TextEncoder().encode(input))).toBe(expected);
  });

  it('gives the same value fed in pieces, and over a substring without copying it', () => {
    let state = crc32UpdateAscii(CRC32_INITIAL, '1234');
    state = crc32UpdateBytes(state, new TextEncoder().encode('56'));
    state = crc32UpdateAscii(state, 'xx789yy', 2, 5);
    expect(crc32Finish(state)).toBe(0xcbf43926);
  });

  it('refuses non-ASCII text on the ASCII path, where it would hash the wrong bytes', () => {
    expect(() => crc32UpdateAscii(CRC32_INITIAL, 'é')).toThrow(RangeError);
  });
});
