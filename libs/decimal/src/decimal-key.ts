import { InvalidDecimalError } from './scaled-decimal';

/**
 * Exact comparison keys for the non-negative decimal strings an exchange sends ("0.00123400").
 *
 * A key is three safe integers: the integer part, fraction digits 1-9 and fraction digits 10-18.
 * Compared in that order they order prices exactly like the decimals they came from, with no
 * float rounding and no BigInt allocation, and any number of trailing zeros gives the same key,
 * so "1.5" and "1.50000000" are the same price. Parsing writes into a caller-owned key, which is
 * what lets the order book look a level up without allocating.
 */
export interface DecimalKey {
  integerPart: number;
  /** Fraction digits 1-9 as an integer, right-padded with zeros (".5" -> 500000000). */
  fractionHigh: number;
  /** Fraction digits 10-18 as an integer, right-padded with zeros. */
  fractionLow: number;
}

/** Fraction digits a key represents exactly; digits beyond this must be zeros. */
export const MAX_DECIMALS = 18;

const DIGITS_PER_FRACTION_PART = 9;
const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

export function createDecimalKey(): DecimalKey {
  return { integerPart: 0, fractionHigh: 0, fractionLow: 0 };
}

/**
 * Parses `value` (digits, optionally one '.' followed by digits) into `target` and returns it.
 * Throws InvalidDecimalError on any other shape, on an integer part above 2^53 - 1, and on a
 * non-zero digit beyond the 18th decimal (it could not be compared exactly).
 */
export function parseDecimalInto(value: string, target: DecimalKey): DecimalKey {
  const length = value.length;
  let index = 0;
  let integerPart = 0;
  for (; index < length; index++) {
    const code = value.charCodeAt(index);
    if (code === CHAR_DOT) break;
    if (code < CHAR_0 || code > CHAR_9) throw new InvalidDecimalError(value, 'not a digit');
    const digit = code - CHAR_0;
    // Checked before multiplying: past 2^53 a double silently stops being an exact integer.
    if (integerPart > (Number.MAX_SAFE_INTEGER - digit) / 10) {
      throw new InvalidDecimalError(value, 'integer part exceeds 2^53 - 1');
    }
    integerPart = integerPart * 10 + digit;
  }
  if (index === 0) throw new InvalidDecimalError(value, 'no integer digits');
  let fractionHigh = 0;
  let fractionLow = 0;
  if (index < length) {
    const fractionStart = index + 1;
    if (fractionStart === length) throw new InvalidDecimalError(value, 'no digits after the point');
    for (let position = 0; position < length - fractionStart; position++) {
      const code = value.charCodeAt(fractionStart + position);
      if (code < CHAR_0 || code > CHAR_9) throw new InvalidDecimalError(value, 'not a digit');
      const digit = code - CHAR_0;
      if (position < DIGITS_PER_FRACTION_PART) fractionHigh = fractionHigh * 10 + digit;
      else if (position < MAX_DECIMALS) fractionLow = fractionLow * 10 + digit;
      else if (digit !== 0) {
        throw new InvalidDecimalError(value, `more than ${MAX_DECIMALS} decimals`);
      }
    }
    // Right-pad each part to nine digits so ".5" and ".50" get the same key.
    const significantDigits = Math.min(length - fractionStart, MAX_DECIMALS);
    const highDigits = Math.min(significantDigits, DIGITS_PER_FRACTION_PART);
    const lowDigits = significantDigits - highDigits;
    fractionHigh *= POWERS_OF_TEN[DIGITS_PER_FRACTION_PART - highDigits];
    fractionLow *= POWERS_OF_TEN[DIGITS_PER_FRACTION_PART - lowDigits];
  }
  target.integerPart = integerPart;
  target.fractionHigh = fractionHigh;
  target.fractionLow = fractionLow;
  return target;
}

export function parseDecimal(value: string): DecimalKey {
  return parseDecimalInto(value, createDecimalKey());
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function compareDecimalKeys(a: DecimalKey, b: DecimalKey): number {
  return (
    a.integerPart - b.integerPart ||
    a.fractionHigh - b.fractionHigh ||
    a.fractionLow - b.fractionLow
  );
}

/** Exact comparison of two decimal strings ("1.5" equals "1.50000000"). */
export function compareDecimals(a: string, b: string): number {
  return compareDecimalKeys(parseDecimal(a), parseDecimal(b));
}

/**
 * True when `value` is a well-formed decimal equal to zero ("0", "0.00000000"). Scans the
 * characters only, so a quantity can be tested on every update without parsing it.
 */
export function isZeroDecimal(value: string): boolean {
  const length = value.length;
  let zero = true;
  let sawPoint = false;
  let digitsBeforePoint = 0;
  let digitsAfterPoint = 0;
  for (let index = 0; index < length; index++) {
    const code = value.charCodeAt(index);
    if (code === CHAR_DOT && !sawPoint) {
      sawPoint = true;
      continue;
    }
    if (code < CHAR_0 || code > CHAR_9) throw new InvalidDecimalError(value, 'not a digit');
    if (code !== CHAR_0) zero = false;
    if (sawPoint) digitsAfterPoint++;
    else digitsBeforePoint++;
  }
  if (digitsBeforePoint === 0) throw new InvalidDecimalError(value, 'no integer digits');
  if (sawPoint && digitsAfterPoint === 0)
    throw new InvalidDecimalError(value, 'no digits after the point');
  return zero;
}

/**
 * Where the canonical form of `value` starts: past redundant leading zeros, keeping one zero
 * before the point ("007.5" -> 2, "000.5" -> 1, "0.5" -> 0).
 */
export function canonicalStart(value: string): number {
  let start = 0;
  while (
    start < value.length - 1 &&
    value.charCodeAt(start) === CHAR_0 &&
    value.charCodeAt(start + 1) !== CHAR_DOT
  ) {
    start++;
  }
  return start;
}

/** Where the canonical form of `value` ends: before trailing fraction zeros and a bare point. */
export function canonicalEnd(value: string): number {
  const point = value.indexOf('.');
  if (point < 0) return value.length;
  let end = value.length;
  while (end > point + 1 && value.charCodeAt(end - 1) === CHAR_0) end--;
  return end === point + 1 ? point : end;
}

/**
 * The canonical spelling of a decimal: no leading zeros except the one before the point, no
 * trailing fraction zeros, no bare point ("65000.12000000" -> "65000.12", "0.00000000" -> "0",
 * "100.0" -> "100"). Two decimals are equal exactly when their canonical spellings are. It is
 * always a substring of the input, which is what lets the checksum hash it without copying.
 */
export function canonicalDecimal(value: string): string {
  isZeroDecimal(value); // for its validation: a malformed string has no canonical form
  return value.slice(canonicalStart(value), canonicalEnd(value));
}
