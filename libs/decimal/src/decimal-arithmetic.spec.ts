import { InvalidDecimalError } from './scaled-decimal';
import {
  decimalsOfStep,
  midpointOfDecimals,
  roundDecimal,
  subtractDecimals,
} from './decimal-arithmetic';

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

describe('decimalsOfStep', () => {
  it.each([
    ['0.01000000', 2],
    ['0.00000001', 8],
    ['1.00000000', 0],
    ['10', 0],
    ['0.5', 1],
  ])('counts %s as %i decimals', (step, expected) => {
    expect(decimalsOfStep(step)).toBe(expected);
  });

  it('rejects a malformed step', () => {
    expect(() => decimalsOfStep('1e-8')).toThrow(InvalidDecimalError);
  });
});

describe('roundDecimal', () => {
  it('keeps an exchange price on its tick digit for digit', () => {
    expect(roundDecimal('0.00001234', 8)).toBe('0.00001234');
    expect(roundDecimal('65000.12000000', 2)).toBe('65000.12');
    expect(roundDecimal('99.9', 2)).toBe('99.90');
    expect(roundDecimal('7', 3)).toBe('7.000');
  });

  it('cuts an 18-digit average to the given decimals, half away from zero', () => {
    expect(roundDecimal('1234.567891234567891234', 2)).toBe('1234.57');
    expect(roundDecimal('100.023333333333333333', 2)).toBe('100.02');
    expect(roundDecimal('100.025', 2)).toBe('100.03');
    expect(roundDecimal('100.024999999999999999', 2)).toBe('100.02');
    expect(roundDecimal('9.995', 2)).toBe('10.00');
    expect(roundDecimal('0.5', 0)).toBe('1');
  });

  it('rounds a negative value symmetrically and never prints -0', () => {
    expect(roundDecimal('-1.255', 2)).toBe('-1.26');
    expect(roundDecimal('-0.001', 2)).toBe('0.00');
  });

  it('keeps precision beyond what a double holds', () => {
    expect(roundDecimal('9007199254740993.125', 2)).toBe('9007199254740993.13');
  });
});
