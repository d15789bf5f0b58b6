const SYMBOL = /^[A-Z0-9]{2,20}$/;

/**
 * The priority list from a settings file or URL: `{"priority":["BTCUSDT","ETHUSDT"]}`, the same
 * answer the producer's SYMBOLS_URL gives (its `symbols` is not the orderbook's concern and is
 * ignored), so one settings service can serve both. Throws on anything else.
 */
export function parsePrioritySettings(json: unknown): readonly string[] {
  if (
    typeof json !== 'object' ||
    json === null ||
    !Array.isArray((json as { priority?: unknown }).priority)
  )
    throw new Error('expected {"priority":["BTCUSDT",...]}');
  const priority = (json as { priority: unknown[] }).priority;
  for (const symbol of priority) {
    if (typeof symbol !== 'string' || !SYMBOL.test(symbol))
      throw new Error(`priority: ${JSON.stringify(symbol)} is not a symbol such as BTCUSDT`);
  }
  return priority as string[];
}
