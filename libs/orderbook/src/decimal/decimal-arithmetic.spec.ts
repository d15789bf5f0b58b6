import { InvalidDecimalError } from './decimal-key';
import { midpointOfDecimals, subtractDecimals } from './decimal-arithmetic';

describe('subtractDecimals', () => {
  it('subtracts exactly, with the decimals of the more precise operand', () => {
    expect(subtractDecimals('65000.13000000', '65000.12000000')).toBe('0.01000000');
    expect(subtractDecimals('0.3', '0.1')).toBe('0.2'); // 0.3 - 0.1 is 0.19999999999999998 in floats
    expect(subtractDecimals('1.50000002', '1.5')).toBe('0.00000002');
    expect(subtractDecimals('100', '1')).toBe('99');
  });

  it('returns a negative difference with a leading minus', () => {
    expect(subtractDecimals('10.01', '10.1')).toBe('-0.09');
  });

  it('keeps precision beyond what a double holds', () => {
    expect(subtractDecimals('9007199254740993.000000000000000001', '0.000000000000000001')).toBe(
      '9007199254740993.000000000000000000',
    );
  });

  it('rejects malformed operands', () => {
    expect(() => subtractDecimals('1e3', '1')).toThrow(InvalidDecimalError);
  });
});

describe('midpointOfDecimals', () => {
  it('halves exactly, adding a decimal only when needed', () => {
    expect(midpointOfDecimals('65000.12000000', '65000.13000000')).toBe('65000.12500000');
    expect(midpointOfDecimals('1.00000001', '1.00000002')).toBe('1.000000015');
    expect(midpointOfDecimals('1.5', '2.5')).toBe('2.0');
    expect(midpointOfDecimals('1', '2')).toBe('1.5');
  });
});
