import { isZeroDecimal } from './decimal-key';

/**
 * Exact arithmetic for the few derived values (spread, mid) computed per published update rather
 * than per applied level, so BigInt's allocations are affordable here and buy unlimited precision.
 * Results keep the exchange's style: as many decimals as the more precise operand ("0.01000000"),
 * plus one for a midpoint that needs it.
 */
interface ScaledDecimal {
  /** The value times 10^decimals. */
  units: bigint;
  decimals: number;
}

function toScaled(value: string): ScaledDecimal {
  isZeroDecimal(value); // for its validation: throws InvalidDecimalError on a malformed string
  const point = value.indexOf('.');
  if (point < 0) return { units: BigInt(value), decimals: 0 };
  return {
    units: BigInt(value.slice(0, point) + value.slice(point + 1)),
    decimals: value.length - point - 1,
  };
}

function rescale(value: ScaledDecimal, decimals: number): bigint {
  return value.units * 10n ** BigInt(decimals - value.decimals);
}

/** Renders units of 10^-decimals with exactly `decimals` fraction digits and a '-' when negative. */
function formatScaled(units: bigint, decimals: number): string {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(decimals + 1, '0');
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** a - b, exactly; negative results carry a leading '-'. */
export function subtractDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  const decimals = Math.max(left.decimals, right.decimals);
  return formatScaled(rescale(left, decimals) - rescale(right, decimals), decimals);
}

/** (a + b) / 2, exactly: halving a decimal needs at most one more decimal digit. */
export function midpointOfDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  const decimals = Math.max(left.decimals, right.decimals);
  const sum = rescale(left, decimals) + rescale(right, decimals);
  if (sum % 2n === 0n) return formatScaled(sum / 2n, decimals);
  return formatScaled((sum * 10n) / 2n, decimals + 1);
}
