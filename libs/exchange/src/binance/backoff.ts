/**
 * Exponential backoff with full jitter (AWS architecture blog's "full jitter"): a random delay in
 * [0, min(cap, base * 2^attempt)], so many clients reconnecting at once do not arrive together.
 */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
