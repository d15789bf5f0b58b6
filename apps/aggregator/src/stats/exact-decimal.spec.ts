import { canonical, divideDecimals, formatUnits, multiplyDecimals } from './exact-decimal';

describe('exact-decimal', () => {
  it('formats smallest units canonically', () => {
    expect(formatUnits(22686110n, 6)).toBe('22.68611');
    expect(formatUnits(10000000000000000n, 18)).toBe('0.01');
    expect(formatUnits(-5n, 2)).toBe('-0.05');
    expect(formatUnits(0n, 18)).toBe('0');
    expect(canonical('0065000.1000')).toBe('65000.1');
  });

  it('keeps canonical strings as they are and canonicalizes every other form', () => {
    const cases: [string, string][] = [
      ['0', '0'],
      ['42', '42'],
      ['-7.25', '-7.25'],
      ['0.5', '0.5'],
      ['-0.05', '-0.05'],
      ['-0', '0'],
      ['-0.0', '0'],
      ['0.000', '0'],
      ['-0.50', '-0.5'],
      ['00.5', '0.5'],
      ['10.10', '10.1'],
      ['-010', '-10'],
    ];

    expect(cases.map(([input]) => canonical(input))).toEqual(cases.map(([, output]) => output));
    expect(() => canonical('.5')).toThrow('not a decimal string: .5');
    expect(() => canonical('1.')).toThrow('not a decimal string: 1.');
  });

  it('multiplies exactly and divides truncating toward zero at 18 decimals', () => {
    expect(multiplyDecimals('65000.12', '0.00012')).toBe('7.8000144');
    expect(divideDecimals('22.68611', '0.01')).toBe('2268.611');
    expect(divideDecimals('1', '3')).toBe('0.333333333333333333');
    expect(divideDecimals('2', '3', 2)).toBe('0.66');
    expect(() => divideDecimals('1', '0')).toThrow('division by zero');
    expect(() => canonical('1e5')).toThrow('not a decimal string: 1e5');
  });
});
