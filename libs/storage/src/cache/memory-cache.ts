import { assertMaxLength, assertTtl, KeyValueCache, WRONG_TYPE } from './key-value-cache';

export interface MemoryCacheOptions {
  prefix: string;
  /** Milliseconds since the epoch; tests pass a fake one to expire keys without waiting. */
  now?: () => number;
}

interface Entry {
  value: string | string[] | Map<string, string>;
  /** Absent: never expires. */
  expiresAt?: number;
}

/**
 * The embedded mode's cache, with Redis's semantics for the commands `KeyValueCache` uses (a list
 * keeps its TTL when pushed to, SET overwrites a list, GET of a list fails). Expired entries are
 * dropped when next touched: the keys are a bounded set (symbols, channels), so nothing piles up.
 */
export class MemoryCache implements KeyValueCache {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(options: MemoryCacheOptions) {
    this.prefix = options.prefix;
    this.now = options.now ?? (() => Date.now());
  }

  async get(key: string): Promise<string | null> {
    const value = this.live(key)?.value ?? null;
    if (value !== null && typeof value !== 'string') throw new Error(WRONG_TYPE);
    return value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    assertTtl(ttlMs);
    this.entries.set(this.prefix + key, {
      value,
      expiresAt: ttlMs === undefined ? undefined : this.now() + ttlMs,
    });
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    // Like MGET: a key holding a list reads as null rather than failing the whole call.
    return keys.map((key) => {
      const value = this.live(key)?.value;
      return typeof value === 'string' ? value : null;
    });
  }

  pushCapped(key: string, value: string, maxLength: number): Promise<void> {
    return this.pushManyCapped(key, [value], maxLength);
  }

  async pushManyCapped(key: string, values: readonly string[], maxLength: number): Promise<void> {
    assertMaxLength(maxLength);
    // As RedisCache: no values, no command, so nothing changes (not even a type check).
    if (values.length === 0) return;
    const entry = this.live(key);
    if (entry !== undefined && !Array.isArray(entry.value)) throw new Error(WRONG_TYPE);
    const newestFirst = values.slice(-maxLength).reverse();
    if (entry === undefined) {
      this.entries.set(this.prefix + key, { value: newestFirst });
      return;
    }
    entry.value = [...newestFirst, ...(entry.value as string[])].slice(0, maxLength);
  }

  async range(key: string, count: number): Promise<string[]> {
    const value = this.live(key)?.value;
    if (value === undefined || count <= 0) return [];
    if (!Array.isArray(value)) throw new Error(WRONG_TYPE);
    return value.slice(0, count);
  }

  async hashSet(key: string, fields: Readonly<Record<string, string>>): Promise<void> {
    const names = Object.keys(fields);
    if (names.length === 0) return;
    const entry = this.live(key);
    if (entry !== undefined && !(entry.value instanceof Map)) throw new Error(WRONG_TYPE);
    const hash = (entry?.value as Map<string, string> | undefined) ?? new Map<string, string>();
    for (const name of names) hash.set(name, fields[name]);
    if (entry === undefined) this.entries.set(this.prefix + key, { value: hash });
  }

  async hashDelete(key: string, fields: readonly string[]): Promise<void> {
    const value = this.live(key)?.value;
    if (value === undefined || fields.length === 0) return;
    if (!(value instanceof Map)) throw new Error(WRONG_TYPE);
    for (const field of fields) value.delete(field);
    if (value.size === 0) this.entries.delete(this.prefix + key);
  }

  async hashGetAll(key: string): Promise<Record<string, string>> {
    const value = this.live(key)?.value;
    if (value === undefined) return {};
    if (!(value instanceof Map)) throw new Error(WRONG_TYPE);
    return Object.fromEntries(value);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(this.prefix + key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(this.prefix + key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(this.prefix + key);
      return undefined;
    }
    return entry;
  }
}
