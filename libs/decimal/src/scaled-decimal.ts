/**
 * A decimal string as an integer count of 10^-decimals (BigInt): the one exact representation every
 * derived figure is computed in, so no float ever decides a price, a volume or a band.
 */
export interface ScaledDecimal {
  /** The value times 10^decimals. */
  readonly units: bigint;
  readonly decimals: number;
}

/** A string that is not a decimal: names it and says what is wrong. */
export class InvalidDecimalError extends Error {
  constructor(value: string, reason: string) {
    super(`invalid decimal ${JSON.stringify(value)}: ${reason}`);
    this.name = InvalidDecimalError.name;
  }
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Digits with an optional '-' and fraction ("-1.50"); anything else throws InvalidDecimalError. */
export function toScaled(value: string): ScaledDecimal {
  if (!DECIMAL.test(value)) {
    throw new InvalidDecimalError(value, 'not digits with an optional sign and fraction');
  }
  const point = value.indexOf('.');
  if (point < 0) return { units: BigInt(value), decimals: 0 };
  return {
    units: BigInt(value.slice(0, point) + value.slice(point + 1)),
    decimals: value.length - point - 1,
  };
}

/** The value's units at `decimals` (at least its own) fraction digits. */
export function rescale(value: ScaledDecimal, decimals: number): bigint {
  return value.units * 10n ** BigInt(decimals - value.decimals);
}

/** `units` times 10^-decimals as a canonical decimal string (no trailing fraction zeros, no "-0"). */
export function formatUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  let whole = decimals === 0 ? digits : digits.slice(0, -decimals);
  const fraction = decimals === 0 ? '' : digits.slice(-decimals).replace(/0+$/, '');
  whole = whole.replace(/^0+(?=\d)/, '');
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && text !== '0' ? `-${text}` : text;
}

/**
 * `units` times 10^-decimals with exactly `decimals` fraction digits, as an exchange prints a price
 * ("27123.45000000"), and a '-' when negative.
 */
export function formatFixed(units: bigint, decimals: number): string {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(decimals + 1, '0');
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
