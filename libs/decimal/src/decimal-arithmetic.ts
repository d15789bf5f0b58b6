import { formatFixed, rescale, toScaled } from './scaled-decimal';

/**
 * Exact arithmetic for the few derived values (spread, mid) computed per published update rather
 * than per applied level, so BigInt's allocations are affordable here and buy unlimited precision.
 * Results keep the exchange's style: as many decimals as the more precise operand ("0.01000000"),
 * plus one for a midpoint that needs it.
 */

/** a - b, exactly; negative results carry a leading '-'. */
export function subtractDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  const decimals = Math.max(left.decimals, right.decimals);
  return formatFixed(rescale(left, decimals) - rescale(right, decimals), decimals);
}

/** (a + b) / 2, exactly: halving a decimal needs at most one more decimal digit. */
export function midpointOfDecimals(a: string, b: string): string {
  const left = toScaled(a);
  const right = toScaled(b);
  const decimals = Math.max(left.decimals, right.decimals);
  const sum = rescale(left, decimals) + rescale(right, decimals);
  if (sum % 2n === 0n) return formatFixed(sum / 2n, decimals);
  return formatFixed((sum * 10n) / 2n, decimals + 1);
}

/**
 * The fraction digits a tick or step size stands for: those up to its last non-zero one, since
 * Binance pads every size to eight ("0.01000000" → 2, "1.00000000" → 0, "0.00000001" → 8).
 */
export function decimalsOfStep(step: string): number {
  const { units, decimals } = toScaled(step);
  let significant = decimals;
  for (let rest = units; significant > 0 && rest % 10n === 0n; rest /= 10n) significant--;
  return significant;
}

/**
 * `value` with exactly `decimals` fraction digits, rounded half away from zero ("100.025" → "100.03"
 * at 2): the rule a reader expects of a displayed figure, and symmetric for a negative change. A value
 * already on the grid (an exchange price at its tick) only gains or sheds zeros, never a digit.
 */
export function roundDecimal(value: string, decimals: number): string {
  const negative = value.startsWith('-');
  const scaled = toScaled(negative ? value.slice(1) : value);
  let units: bigint;
  if (scaled.decimals <= decimals) units = rescale(scaled, decimals);
  else {
    const divisor = 10n ** BigInt(scaled.decimals - decimals);
    units = (scaled.units + divisor / 2n) / divisor;
  }
  return formatFixed(negative ? -units : units, decimals);
}
