import { canonicalDecimal, compareDecimals, isZeroDecimal, parseDecimal } from './decimal-key';
import { InvalidDecimalError } from './scaled-decimal';

describe('parseDecimal', () => {
  it('splits a decimal into integer part and two nine-digit fraction parts', () => {
    expect(parseDecimal('65000.12000000')).toEqual({
      integerPart: 65000,
      fractionHigh: 120000000,
      fractionLow: 0,
    });
    expect(parseDecimal('0.123456789012345678')).toEqual({
      integerPart: 0,
      fractionHigh: 123456789,
      fractionLow: 12345678,
    });
    expect(parseDecimal('7')).toEqual({ integerPart: 7, fractionHigh: 0, fractionLow: 0 });
  });

  it('gives "1.5", "1.50000000" and "001.5000000000000000000000" the same key', () => {
    const key = parseDecimal('1.5');
    expect(parseDecimal('1.50000000')).toEqual(key);
    expect(parseDecimal('001.5000000000000000000000')).toEqual(key);
  });

  it('represents 2^53 - 1 and 18 decimals exactly, and refuses more', () => {
    expect(parseDecimal('9007199254740991').integerPart).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseDecimal('9007199254740992')).toThrow('integer part exceeds 2^53 - 1');
    expect(() => parseDecimal('0.0000000000000000001')).toThrow('more than 18 decimals');
  });

  it.each(['', '.5', '1.', '-1', '+1', '1e5', '1,5', '1.2.3', ' 1', 'NaN'])(
    'rejects %j',
    (value) => {
      expect(() => parseDecimal(value)).toThrow(InvalidDecimalError);
    },
  );
});

describe('compareDecimals', () => {
  it.each([
    ['0.1', '0.10000001', -1],
    ['0.10000001', '0.11', -1],
    ['0.000000000000000001', '0', 1],
    ['0.000000001', '0.000000000999999999', 1],
    ['10', '9.99999999', 1],
    ['1.5', '1.50000000', 0],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(Math.sign(compareDecimals(a, b))).toBe(expected);
    expect(Math.sign(compareDecimals(b, a))).toBe(-expected || 0);
  });
});

describe('isZeroDecimal', () => {
  it('recognizes zero in any spelling, and only zero', () => {
    expect(['0', '0.0', '0.00000000', '000.000'].map(isZeroDecimal)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['0.00000001', '1', '10.0'].map(isZeroDecimal)).toEqual([false, false, false]);
  });

  it('rejects malformed quantities', () => {
    expect(() => isZeroDecimal('')).toThrow(InvalidDecimalError);
    expect(() => isZeroDecimal('0.')).toThrow(InvalidDecimalError);
    expect(() => isZeroDecimal('-0')).toThrow(InvalidDecimalError);
  });
});

describe('canonicalDecimal', () => {
  it.each([
    ['65000.12000000', '65000.12'],
    ['0.51200000', '0.512'],
    ['100.00000000', '100'],
    ['0.00000000', '0'],
    ['000.5', '0.5'],
    ['007.50', '7.5'],
    ['00', '0'],
    ['12', '12'],
  ])('spells %s as %s', (value, canonical) => {
    expect(canonicalDecimal(value)).toBe(canonical);
  });

  it('rejects a malformed decimal', () => {
    expect(() => canonicalDecimal('1.2.3')).toThrow(InvalidDecimalError);
  });
});
