/**
 * The ceiling of an exponential backoff: `base * 2^attempt` (attempt 0 = the first retry), capped.
 * Deterministic: for retries whose timing must not vary (a resync, a rejoin, a Kafka send).
 */
export function exponentialDelay(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
}

/**
 * Exponential backoff with full jitter (AWS architecture blog's "full jitter"): a random delay in
 * [0, exponentialDelay(attempt)], so many clients reconnecting at once do not arrive together.
 */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random = Math.random,
): number {
  return Math.floor(random() * exponentialDelay(attempt, baseMs, capMs));
}
