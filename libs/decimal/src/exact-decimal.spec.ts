import { canonical, divideDecimals, multiplyDecimals, sumDecimals } from './exact-decimal';
import { formatUnits } from './scaled-decimal';

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
    expect(() => canonical('.5')).toThrow(
      'invalid decimal ".5": not digits with an optional sign and fraction',
    );
    expect(() => canonical('1.')).toThrow(
      'invalid decimal "1.": not digits with an optional sign and fraction',
    );
  });

  it('multiplies exactly and divides truncating toward zero at 18 decimals', () => {
    expect(multiplyDecimals('65000.12', '0.00012')).toBe('7.8000144');
    expect(divideDecimals('22.68611', '0.01', 18)).toBe('2268.611');
    expect(divideDecimals('1', '3', 18)).toBe('0.333333333333333333');
    expect(divideDecimals('2', '3', 2)).toBe('0.66');
    expect(() => divideDecimals('1', '0', 18)).toThrow('division by zero');
    expect(() => canonical('1e5')).toThrow(
      'invalid decimal "1e5": not digits with an optional sign and fraction',
    );
  });

  it('adds exactly, whatever the scales, keeping the largest', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['1.50', '0.025', '3'])).toBe('4.525');
    expect(sumDecimals(['7', '5'])).toBe('12');
    expect(sumDecimals(['0.001', '0.002'])).toBe('0.003');
    expect(sumDecimals(['10.5', '10.5'])).toBe('21.0');
  });

  it('divides a sum by a count as the aggregator does in Postgres: truncated, no trailing zeros', () => {
    expect(divideDecimals('610.6', '6', 18)).toBe('101.766666666666666666'); // not rounded up to …67
    expect(divideDecimals('609.50', '6', 18)).toBe('101.583333333333333333');
    expect(divideDecimals('300.00', '3', 18)).toBe('100');
    expect(divideDecimals('0.3', '3', 18)).toBe('0.1');
    expect(divideDecimals('0', '1', 18)).toBe('0');
    expect(divideDecimals('0.000000000000000000009', '1', 18)).toBe('0'); // below the scale
    expect(divideDecimals('7', '2', 0)).toBe('3');
  });
});
