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
