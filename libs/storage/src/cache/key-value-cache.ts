/**
 * Latest state for instant snapshots and fast reads: the last ticker, book or stats per key, and
 * short newest-first lists such as recent trades. Values are strings (the caller serializes).
 * Keys are given without the configured prefix; the implementation adds it.
 */
export interface KeyValueCache {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  /** Overwrites the key whatever it held. With `ttlMs`, it disappears after that many milliseconds. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** One value (or null) per key, in the order asked. */
  mget(keys: readonly string[]): Promise<(string | null)[]>;
  /** Prepends `value` and keeps only the newest `maxLength` entries. */
  pushCapped(key: string, value: string, maxLength: number): Promise<void>;
  /**
   * Prepends `values` oldest first (the last one ends up newest, as if each were pushed in turn)
   * and keeps only the newest `maxLength` entries, in one step. No values: nothing changes.
   */
  pushManyCapped(key: string, values: readonly string[], maxLength: number): Promise<void>;
  /** Up to `count` entries of a list, newest first. */
  range(key: string, count: number): Promise<string[]>;
  /**
   * Sets the given fields of a hash (one entry per symbol, say), leaving its other fields as they
   * are, in one step: writers of different fields never overwrite each other. No fields: no change.
   */
  hashSet(key: string, fields: Readonly<Record<string, string>>): Promise<void>;
  /** Removes the given fields of a hash; a hash left without fields is gone. No fields: no change. */
  hashDelete(key: string, fields: readonly string[]): Promise<void>;
  /** Every field of a hash; an absent key reads as no fields. */
  hashGetAll(key: string): Promise<Record<string, string>>;
  delete(key: string): Promise<void>;
  /** Resolves when the cache answers; used by readiness. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The message Redis answers with, so both implementations fail the same way on a type mix-up. */
export const WRONG_TYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';

/** Both implementations reject the same bad arguments, before touching any data. */
export function assertTtl(ttlMs: number | undefined): void {
  if (ttlMs !== undefined && !(Number.isInteger(ttlMs) && ttlMs > 0)) {
    throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`);
  }
}

export function assertMaxLength(maxLength: number): void {
  if (!(Number.isInteger(maxLength) && maxLength > 0)) {
    throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  }
}
