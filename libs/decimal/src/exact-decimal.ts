import { formatUnits, toScaled } from './scaled-decimal';

/**
 * The few exact decimal operations done in TypeScript on figures (the aggregator's sums live in
 * Postgres `numeric`; the gateway sums minutes into candles). Values are canonical decimal strings: no exponent, no trailing fraction zeros, no
 * '+', "0" for zero; this is also how Postgres prints `trim_scale(x)`, so both sides compare as text.
 */

/** Already canonical: no leading zeros, no trailing fraction zeros, not "-0". */
const CANONICAL = /^(0|-?[1-9]\d*)(\.\d*[1-9])?$|^-0\.\d*[1-9]$/;

/** The canonical form of a decimal string ("1.500" → "1.5", "-0.0" → "0"). */
export function canonical(value: string): string {
  // Most inputs are canonical already: no BigInt round trip (one per price and quantity).
  if (CANONICAL.test(value)) return value;
  const { units, decimals } = toScaled(value);
  return formatUnits(units, decimals);
}

/** a × b, exactly. */
export function multiplyDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  return formatUnits(left.units * right.units, left.decimals + right.decimals);
}

/**
 * a ÷ b truncated toward zero to `scale` fraction digits (the stats contract states its scale for
 * figures derived by division: swap price, VWAP, average price), canonical. Throws on division by
 * zero.
 */
export function divideDecimals(a: string, b: string, scale: number): string {
  const left = toScaled(a);
  const right = toScaled(b);
  if (right.units === 0n) throw new RangeError('division by zero');
  // a/b = (la/10^da) / (lb/10^db); times 10^scale: la * 10^(db + scale) / (lb * 10^da)
  const numerator = left.units * 10n ** BigInt(right.decimals + scale);
  const denominator = right.units * 10n ** BigInt(left.decimals);
  return formatUnits(numerator / denominator, scale);
}

/**
 * Exact sum of non-negative decimal strings ("1.50" + "0.025" = "1.525"), keeping the largest
 * scale of its terms ("21.0"), as a candle's volumes have always printed.
 */
export function sumDecimals(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((value) => (value.split('.')[1] ?? '').length));
  let total = 0n;
  for (const value of values) {
    const [whole, fraction = ''] = value.split('.');
    total += BigInt(whole + fraction.padEnd(scale, '0'));
  }
  if (scale === 0) return total.toString();
  const digits = total.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
