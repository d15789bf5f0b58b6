import { BinanceRestClient } from '@app/exchange';
import { selectSymbols, SymbolSelection } from '@app/exchange';

/**
 * What the wanted list (names, `*`, `*QUOTE`) selects from the exchange's current listing
 * (exchangeInfo, weight 20); rejects when the listing cannot be read.
 */
export async function tradingSymbols(
  rest: BinanceRestClient,
  wanted: readonly string[],
): Promise<SymbolSelection> {
  const info = await rest.exchangeInfo();
  return selectSymbols(info.symbols, wanted);
}
