import { SYMBOL_PATTERN } from '@app/contracts';
import { isWildcard } from '@app/exchange';

/** Which symbols to ingest, and which of them to start first. */
export interface SymbolSettings {
  symbols: string[];
  priority: string[];
}

/**
 * The wanted symbols with the priority ones first (in the priority list's order), then the rest in
 * their own order. Priority symbols not in the list are added: asking for one means wanting it.
 * The connection pool shards and subscribes in this order, so the priority streams are in the
 * first connection's URL and flow before any paced SUBSCRIBE for the rest is sent.
 */
export function orderByPriority({ symbols, priority }: SymbolSettings): string[] {
  const first = [...new Set(priority)];
  const firstSet = new Set(first);
  return [...first, ...[...new Set(symbols)].filter((symbol) => !firstSet.has(symbol))];
}

/**
 * Parses a settings document: `["BTCUSDT", ...]` or `{"symbols": [...], "priority": [...]}`; the
 * symbols may hold `*` or `*USDT` as SYMBOLS may.
 * Throws naming what is wrong, so a bad document is reported and the configured list kept.
 */
export function parseSymbolSettings(json: unknown): SymbolSettings {
  const list = (value: unknown, field: string, wildcards = field !== 'priority'): string[] => {
    if (!Array.isArray(value)) throw new Error(`${field} must be an array of symbols`);
    const valid = (s: unknown) =>
      typeof s === 'string' && (SYMBOL_PATTERN.test(s) || (wildcards && isWildcard(s)));
    const bad = value.filter((s) => !valid(s));
    if (bad.length > 0) throw new Error(`${field} holds invalid symbols: ${JSON.stringify(bad)}`);
    return value as string[];
  };
  if (Array.isArray(json)) return { symbols: list(json, 'settings'), priority: [] };
  if (typeof json !== 'object' || json === null) throw new Error('settings must be a JSON object');
  const { symbols, priority } = json as Record<string, unknown>;
  return {
    symbols: list(symbols, 'symbols'),
    priority: priority === undefined ? [] : list(priority, 'priority'),
  };
}

/** Reads the settings URL; resolves null (after logging through `warn`) when it cannot. */
export async function fetchSymbolSettings(
  url: string,
  warn: (message: string) => void,
  timeoutMs = 5_000,
): Promise<SymbolSettings | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return parseSymbolSettings(await response.json());
  } catch (error) {
    warn(`symbol settings from ${url} not used: ${(error as Error).message}`);
    return null;
  }
}

/** What a new symbol list changes: symbols to start and symbols to stop, each in list order. */
export interface SymbolListChange {
  added: string[];
  removed: string[];
}

export function symbolListChange(current: readonly string[], wanted: readonly string[]) {
  const now = new Set(current);
  const next = new Set(wanted);
  return {
    added: [...next].filter((symbol) => !now.has(symbol)),
    removed: [...now].filter((symbol) => !next.has(symbol)),
  } satisfies SymbolListChange;
}
