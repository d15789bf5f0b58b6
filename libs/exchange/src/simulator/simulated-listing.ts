import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { ExchangeSymbol } from '../binance/rest/binance-rest-types';
import { isWildcard, selectSymbols } from '../binance/symbol-selection';
import { SimulatedSymbol, simulatedSymbol } from './market-types';

/**
 * What a simulator lists for `*` and `*QUOTE`: Binance's own exchangeInfo recorded on 2021-08-14
 * (1,589 symbols, 1,193 of them TRADING), relative to the working directory as REPLAY_DIR is.
 */
export const RECORDED_LISTING_FILE = 'recordings/binance-spot/2021-08-14/exchangeInfo.json.gz';

/**
 * The symbols a simulator runs for a wanted list: each name as given, and for a wildcard the
 * TRADING symbols of the recorded listing it matches, with their own tick and step sizes.
 */
export async function simulatedSymbolsFor(
  wanted: readonly string[],
  listingFile = RECORDED_LISTING_FILE,
): Promise<SimulatedSymbol[]> {
  const names = wanted.filter((entry) => !isWildcard(entry));
  const wildcards = wanted.filter(isWildcard);
  if (wildcards.length === 0) return names.map(simulatedSymbol);
  const listing = await readListing(listingFile);
  const bySymbol = new Map(listing.map((s) => [s.symbol, s]));
  const expanded = selectSymbols(listing, wildcards).symbols;
  return [...new Set([...names, ...expanded])].map((symbol) => {
    const listed = bySymbol.get(symbol);
    return listed ? { ...simulatedSymbol(symbol), ...decimalsOf(listed) } : simulatedSymbol(symbol);
  });
}

async function readListing(file: string): Promise<ExchangeSymbol[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new Error(
      `a wildcard in SYMBOLS lists the recorded exchangeInfo ${file}, which cannot be read: ${(error as Error).message}`,
    );
  }
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return (JSON.parse(text) as { symbols: ExchangeSymbol[] }).symbols;
}

/** Decimals of the tick and step sizes ("0.00010000" → 4), as the simulator counts prices. */
function decimalsOf(
  listed: ExchangeSymbol,
): Pick<SimulatedSymbol, 'priceDecimals' | 'qtyDecimals'> {
  const filter = (type: string, field: 'tickSize' | 'stepSize') =>
    listed.filters.find((f) => f.filterType === type)?.[field] ?? '0.01';
  const decimals = (size: string) => (size.split('.')[1] ?? '').replace(/0+$/, '').length;
  return {
    priceDecimals: decimals(filter('PRICE_FILTER', 'tickSize')),
    qtyDecimals: decimals(filter('LOT_SIZE', 'stepSize')),
  };
}
