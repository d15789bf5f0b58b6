/** Exact sum of non-negative decimal strings ("1.50" + "0.025" = "1.525"), via scaled BigInt. */
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

/**
 * `sum` ÷ `count` (a non-negative decimal string and a positive count) truncated toward zero to
 * `scale` fraction digits, without trailing zeros ("101.75", "100"): how the aggregator derives a
 * window's `avgPrice` in Postgres (`trim_scale(div(...))`), so both print the same text.
 */
export function meanOfDecimals(sum: string, count: number, scale: number): string {
  const [whole, fraction = ''] = sum.split('.');
  const numerator = BigInt(whole + fraction) * 10n ** BigInt(scale);
  const quotient = numerator / (BigInt(count) * 10n ** BigInt(fraction.length));
  if (scale === 0) return quotient.toString();
  const digits = quotient.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
}
