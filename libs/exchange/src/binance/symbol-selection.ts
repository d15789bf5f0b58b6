import { SYMBOL_WILDCARD_PATTERN } from '@app/platform';

/** What the exchange lists of a symbol, as exchangeInfo says (the parts a selection needs). */
export interface ListedSymbol {
  symbol: string;
  status: string;
  quoteAsset: string;
}

/** The symbols a wanted list selects from the exchange's listing, and the names it does not trade. */
export interface SymbolSelection {
  symbols: string[];
  notTrading: string[];
}

export function isWildcard(entry: string): boolean {
  return SYMBOL_WILDCARD_PATTERN.test(entry);
}

/**
 * Resolves a wanted list (priority first, see `orderByPriority`) against the listing: a name is
 * kept when its status is TRADING; `*` stands for every TRADING symbol and `*USDT` for every one
 * quoted in USDT, in the listing's order, after the names before it. Each symbol once, at its first
 * place, so the priority symbols stay in front of a wildcard that also matches them.
 */
export function selectSymbols(
  listing: readonly ListedSymbol[],
  wanted: readonly string[],
): SymbolSelection {
  const trading = listing.filter((s) => s.status === 'TRADING');
  const tradingNames = new Set(trading.map((s) => s.symbol));
  const symbols = new Set<string>();
  const notTrading: string[] = [];
  for (const entry of wanted) {
    const match = SYMBOL_WILDCARD_PATTERN.exec(entry);
    if (match) {
      const quote = match[1];
      for (const s of trading) if (!quote || s.quoteAsset === quote) symbols.add(s.symbol);
    } else if (tradingNames.has(entry)) {
      symbols.add(entry);
    } else if (!notTrading.includes(entry)) {
      notTrading.push(entry);
    }
  }
  return { symbols: [...symbols], notTrading };
}
